package dev.jwrap.inetd.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.inetd.builtin.OpenbsdInetd;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser against the real openbsd-inetd: one corpus of tricky lines is given to
 * {@code inetd -d} and to {@link InetdConfigParser}; the entries inetd reports ({@code ADD:} and
 * {@code REDO:} trace lines: host, service, protocol, wait, max, user, group, server) must be exactly
 * the entries jwrap accepts, one per host element. Lines with an unknown service name are reported
 * as {@code ADD} by inetd although they get no socket; jwrap skips them with an error, so they are
 * left out of the comparison.
 */
class InetdConfigDifferentialIT {

    private static final Pattern TRACE = Pattern.compile(
            "^(ADD|REDO): (?:(.*):)?(\\S+) proto=([^,]+), wait\\.max=(\\d+)\\.(\\d+) user:group=([^:]*):(\\S+)"
                    + " builtin=\\S+ server=(\\S+)$");

    @TempDir
    Path dir;

    @Test
    void entriesMatchInetdTrace() throws Exception {
        // below the ephemeral range: no outgoing connection can take it before inetd binds it
        int sentinel = dev.jwrap.host.access.TestPorts.freePort();
        String corpus = """
                # parser corpus: comments, host lines, continuations, every wait/user form
                127.0.0.1:
                echo stream tcp4 nowait root internal
                27301 stream tcp4 nowait.7 nobody.daemon /bin/cat cat
                27302
                 stream tcp4
                \twait.abc nobody:daemon /bin/cat
                  # indented comment?
                [::1]:27303 stream tcp6 nowait nobody /bin/cat
                *:
                27304 stream tcp nowait root /bin/cat
                27305 stream tcp46 wiat root /bin/cat
                27306 bogus tcp4 nowait root /bin/cat
                27307 stream tcp4
                nosuch stream tcp4 nowait root /bin/cat
                27308 stream tcp4 nowait root internal
                daytime stream tcp4 wait root internal
                27301 stream tcp4 nowait root /bin/true
                27301 stream tcp4 nowait.9 daemon /bin/false
                127.0.0.1,127.0.0.2:27309 dgram udp4 wait root /bin/cat
                127.0.0.2:27309 dgram udp4 wait.4 nobody /bin/true
                27310 stream tcp4,rcvbuf=16384,sndbuf=65536 nowait root /bin/cat
                27311 stream tcp4,sndbuf=64k nowait root /bin/cat
                27312 stream tcp4,foo=1 nowait root /bin/cat
                27313 dgram udp nowait.5 root /bin/cat
                27314 stream tcp4 nowait.0 root /bin/cat
                :27315 stream tcp4 nowait. root /bin/cat a b c # d
                127.0.0.1: chargen stream tcp4 nowait root internal
                tcpmux stream tcp4 nowait root internal
                sink stream tcp4 nowait root internal
                time dgram udp6 wait root internal
                27316 stream tcp6 nowait root internal
                27317 stream tcp4 nowait root
                127.0.0.1:
                  discard stream tcp4 nowait root internal
                """ + "127.0.0.1:" + sentinel + " stream tcp4 nowait root /bin/cat\n";
        Map<String, String> real = new LinkedHashMap<>();
        try (OpenbsdInetd inetd = OpenbsdInetd.start(dir, corpus)) {
            inetd.awaitListening(List.of(new InetSocketAddress("127.0.0.1", sentinel)));
            for (String line : inetd.log().split("\n")) {
                Matcher m = TRACE.matcher(line);
                if (m.matches()) {
                    String host = m.group(2) == null ? "*" : m.group(2);
                    String key = host + " " + m.group(3) + " " + m.group(4);
                    real.put(key, m.group(5) + " " + m.group(6) + " " + m.group(7) + " " + m.group(8) + " "
                            + m.group(9));
                }
            }
            InetdConfig ours = new InetdConfigParser(ServicesDatabase.load(inetd.servicesFile()), ParserOptions.DEFAULTS)
                    .parse("inetd.conf", corpus.getBytes(StandardCharsets.ISO_8859_1));
            Map<String, String> mine = new LinkedHashMap<>();
            for (ServiceEntry e : ours.entries()) {
                String server = e.server() instanceof Server.Program p ? p.path() : "internal";
                mine.put(e.host() + " " + e.service() + " " + e.protocol().token(),
                        (e.waitService() ? 1 : 0) + " " + e.maxPerMinute() + " " + e.user() + " "
                                + e.group().orElse("(default)") + " " + server);
            }
            List<String> unknown = ours.diagnostics().stream()
                    .map(Diagnostic::message)
                    .filter(msg -> msg.endsWith(": unknown service"))
                    .map(msg -> msg.substring(0, msg.length() - ": unknown service".length()).replace('/', ' '))
                    .toList();
            real.keySet().removeIf(k -> unknown.stream().anyMatch(u -> k.endsWith(" " + u)));
            assertThat(mine).as("inetd trace:\n%s\njwrap diagnostics:\n%s", inetd.log(),
                    String.join("\n", ours.diagnostics().stream().map(Diagnostic::toLocatedText).toList()))
                    .containsExactlyInAnyOrderEntriesOf(real);
            assertThat(unknown).containsExactly("nosuch tcp4");
            assertThat(real).as("entries seen in inetd's trace").hasSizeGreaterThanOrEqualTo(20);
        }
    }
}
