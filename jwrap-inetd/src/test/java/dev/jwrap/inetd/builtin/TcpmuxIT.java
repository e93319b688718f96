package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.log.RecordingSyslog;
import dev.jwrap.inetd.config.InetdConfigParser;
import dev.jwrap.inetd.config.ParserOptions;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.inetd.server.Supervisor;
import dev.jwrap.inetd.server.SupervisorOptions;
import dev.jwrap.inetd.server.Trace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCPMUX (RFC 1078, spec §7) through {@code jwrap inetd --tcpmux}, with real openbsd-inetd as the
 * oracle for what the dispatched program sends: openbsd-inetd has no TCPMUX, so it serves the same
 * program on a port of its own, and the bytes jwrap's client gets after the TCPMUX exchange
 * ({@code +Go\r\n} for a {@code +} service, nothing for a plain one) must be exactly the bytes
 * openbsd-inetd's client gets. HELP, unknown names and case-insensitive names are checked too.
 */
class TcpmuxIT {

    private static final String V4 = "127.0.0.1";

    @TempDir
    Path dir;

    private OpenbsdInetd inetd;
    private Supervisor jwrap;
    private final RecordingSyslog log = new RecordingSyslog();

    @AfterEach
    void stop() throws Exception {
        if (jwrap != null) {
            jwrap.close();
        }
        if (inetd != null) {
            inetd.close();
        }
    }

    @Test
    void dispatchedProgramsSendWhatOpenbsdInetdsChildSends_plusServicesGetGoFirst() throws Exception {
        Path program = greetProgram();
        int direct = freePort();
        Path inetdDir = Files.createDirectory(dir.resolve("openbsd"));
        inetd = OpenbsdInetd.start(inetdDir,
                V4 + ":" + direct + "\tstream\ttcp4\tnowait\troot\t" + program + " greet.sh alpha\n");
        inetd.awaitListening(List.of(new InetSocketAddress(V4, direct)));

        InetSocketAddress muxAddress = startJwrap(program, SupervisorOptions.defaults(), "", "");

        String body = "some input\nand more\n";
        String real = ascii(Probe.tcpExchange(new InetSocketAddress(V4, direct), bytes(body)));
        assertThat(real).isEqualTo("hello alpha\r\n" + body);

        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("alpha\r\n" + body)))).isEqualTo("+Go\r\n" + real);
        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("ALPHA\r\n" + body)))).isEqualTo("+Go\r\n" + real);
        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("beta\r\n" + body)))).isEqualTo(real);

        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("help\r\n")))).isEqualTo("Beta\r\nalpha\r\n");
        // (only the name: unread data would turn the close after the answer into a reset)
        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("gamma\r\n"))))
                .isEqualTo("-Service not available\r\n");
        assertThat(log.messages()).isEmpty();
    }

    /** With -l the TCPMUX name is the daemon name; a refused client gets no +Go, only the close. */
    @Test
    void accessCheck_usesTheTcpmuxName_andARefusedClientGetsNoGo() throws Exception {
        Path program = greetProgram();
        InetSocketAddress muxAddress = startJwrap(program, SupervisorOptions.defaults().withLibwrap(true),
                "beta: 127.0.0.1\n", "ALL: ALL\n");

        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("alpha\r\n")))).isEmpty();
        assertThat(ascii(Probe.tcpExchange(muxAddress, bytes("beta\r\nok\n")))).isEqualTo("hello alpha\r\nok\n");
        assertThat(log.messages()).anyMatch(m -> m.startsWith("refused connection from 127.0.0.1"))
                .anyMatch(m -> m.startsWith("connection from 127.0.0.1"));
    }

    /** A shell script that greets with its argv[1] (proving the configured arguments arrive), then echoes. */
    private Path greetProgram() throws IOException {
        Path program = dir.resolve("greet.sh");
        Files.writeString(program, "#!/bin/sh\nprintf 'hello %s\\r\\n' \"$1\"\nexec cat\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    /** jwrap with a TCPMUX listener and the two entries alpha (+) and Beta; returns the TCPMUX address. */
    private InetSocketAddress startJwrap(Path program, SupervisorOptions options, String allow, String deny)
            throws IOException {
        int mux = freePort();
        Path config = dir.resolve("inetd.conf");
        Files.writeString(config, """
                127.0.0.1:tcpmux stream tcp4 nowait root internal
                tcpmux/+alpha stream tcp4 nowait root %1$s greet.sh alpha
                tcpmux/Beta stream tcp4 nowait root %1$s greet.sh alpha
                """.formatted(program));
        ServicesDatabase services = ServicesDatabase.parse("tcpmux " + mux + "/tcp\n");
        InetdConfigParser parser = new InetdConfigParser(services, ParserOptions.DEFAULTS.withTcpmux(true));
        Files.writeString(dir.resolve("hosts.allow"), allow);
        Files.writeString(dir.resolve("hosts.deny"), deny);
        jwrap = Supervisor.start(() -> parser.parse(config),
                options.withTables(TableFile.of(dir.resolve("hosts.allow")), TableFile.of(dir.resolve("hosts.deny"))),
                log, Trace.OFF, services, new LookupServices(LookupServices.OFFLINE.resolver(),
                        LookupServices.OFFLINE.ident(), new SystemUserDatabase()));
        assertThat(jwrap.listening()).as("log: %s", log.messages()).hasSize(1);
        return new InetSocketAddress(V4, mux);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static int freePort() throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort();
    }
}
