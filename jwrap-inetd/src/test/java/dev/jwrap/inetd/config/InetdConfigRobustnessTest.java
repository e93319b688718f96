package dev.jwrap.inetd.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random files built from inetd.conf vocabulary: the parser never throws and every message has a valid line. */
class InetdConfigRobustnessTest {

    private static final String[] WORDS = {
        "echo", "discard", "chargen", "daytime", "time", "tcpmux", "tcpmux/+x", "sink", "17100", "0", "99999",
        "stream", "dgram", "raw", "tcp", "tcp4", "tcp6", "tcp46", "udp", "udp6", "tcpx", "unix", "tcp,rcvbuf=1k",
        "tcp4,sndbuf=", "wait", "nowait", "nowait.3", "wait.x", "nowait.", "root", "nobody:nogroup", "a.b",
        "internal", "/bin/cat", "cat", "#", "#jwrap:", "#jwrap: cps=3:2", "per_source=0", "127.0.0.1:",
        "*:", "[::1]:", ":echo", "127.0.0.1,::1:daytime", ",", ":", "[", "]", "\r", "\u00ff", "\0"
    };
    private static final String[] GLUE = {" ", "\t", "\n", "\n ", "\n\t", "\n#", "\n#jwrap: instances=2\n"};

    @Test
    void randomFiles_neverThrow() {
        Random random = new Random(4);
        InetdConfigParser parser = new InetdConfigParser(InetdConfigParserTest.SERVICES,
                ParserOptions.DEFAULTS.withTcpmux(true));
        for (int file = 0; file < 3000; file++) {
            StringBuilder text = new StringBuilder();
            int words = random.nextInt(60);
            for (int i = 0; i < words; i++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(GLUE[random.nextInt(GLUE.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            InetdConfig config = parser.parse("f", bytes);
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            for (Diagnostic d : config.diagnostics()) {
                assertThat(d.line()).as(text.toString()).isBetween(1, (int) lines);
            }
            for (ServiceEntry e : config.entries()) {
                assertThat(e.line()).isBetween(1, (int) lines);
            }
        }
    }
}
