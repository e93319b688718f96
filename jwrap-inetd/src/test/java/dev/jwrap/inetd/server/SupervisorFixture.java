package dev.jwrap.inetd.server;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.inetd.config.InetdConfigParser;
import dev.jwrap.inetd.config.ParserOptions;
import dev.jwrap.inetd.config.ServicesDatabase;
import dev.jwrap.host.log.RecordingSyslog;
import dev.jwrap.host.log.Syslog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A supervisor on loopback for tests: a private services database that puts echo on a free high
 * port, inetd.conf and the tables in a temporary directory, and a recording syslog.
 */
final class SupervisorFixture implements AutoCloseable {

    /** IPv4 loopback: the tests run with preferIPv6Addresses=system, where getLoopbackAddress() is ::1. */
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    final Path dir;
    final Path config;
    final Path allow;
    final Path deny;
    final int echoPort;
    final int catPort;
    final RecordingSyslog log = new RecordingSyslog();
    /** Every message as it is logged, for waiting on a line the client cannot observe. */
    private final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
    final ServicesDatabase services;
    Supervisor supervisor;

    SupervisorFixture(Path dir) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("inetd.conf");
        this.allow = dir.resolve("hosts.allow");
        this.deny = dir.resolve("hosts.deny");
        this.echoPort = freePort();
        this.catPort = freePort();
        this.services = ServicesDatabase.parse("echo " + echoPort + "/tcp\necho " + echoPort + "/udp\n");
        Files.writeString(allow, "");
        Files.writeString(deny, "");
    }

    /** Writes inetd.conf; {@code %ECHO%} and {@code %CAT%} stand for the two ports. */
    SupervisorFixture config(String text) throws IOException {
        Files.writeString(config, text.replace("%CAT%", Integer.toString(catPort))
                .replace("%USER%", System.getProperty("user.name")));
        return this;
    }

    SupervisorFixture tables(String allowText, String denyText) throws IOException {
        Files.writeString(allow, allowText);
        Files.writeString(deny, denyText);
        return this;
    }

    Supervisor start(SupervisorOptions options) throws IOException {
        InetdConfigParser parser = new InetdConfigParser(services, ParserOptions.DEFAULTS);
        supervisor = Supervisor.start(() -> parser.parse(config),
                options.withTables(TableFile.of(allow), TableFile.of(deny)),
                Syslog.tee(log, (priority, message) -> arriving.add(message)), Trace.OFF, services,
                new LookupServices(LookupServices.OFFLINE.resolver(), LookupServices.OFFLINE.ident(),
                        new SystemUserDatabase()));
        if (supervisor.listening().isEmpty()) {
            throw new IllegalStateException("nothing listening; log: " + log.messages());
        }
        return supervisor;
    }

    /** Waits (30 s at most) until a message satisfying {@code wanted} is logged. */
    void awaitLog(Predicate<String> wanted) throws InterruptedException {
        while (true) {
            String message = arriving.poll(30, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("not logged; log: " + log.messages());
            }
            if (wanted.test(message)) {
                return;
            }
        }
    }

    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    static int freePort() throws IOException {
        return dev.jwrap.host.access.TestPorts.freePort();
    }

    static SocketChannel connect(int port) throws IOException {
        return SocketChannel.open(new InetSocketAddress(LOOPBACK, port));
    }

    /** Sends {@code text} (a refused client sends nothing: unread data would turn the close into a reset), half-closes, and reads everything until EOF. */
    static String exchange(int port, String text) throws IOException {
        try (SocketChannel channel = connect(port)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            return readAll(channel);
        }
    }

    static String readAll(SocketChannel channel) throws IOException {
        StringBuilder out = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            out.append(StandardCharsets.US_ASCII.decode(buffer));
            buffer.clear();
        }
        return out.toString();
    }
}
