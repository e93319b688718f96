package dev.jwrap.host.embed.example;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.embed.AccessCheckedServerSocketChannel;
import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.log.StreamSyslog;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Example: an echo server on a plain {@code ServerSocketChannel} that serves only the clients
 * hosts.allow / hosts.deny let in, as the daemon {@code echo-example}.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp ... PlainEchoServer PORT ALLOW DENY}
 * (port 0 picks a free one; the program prints {@code listening on ADDRESS}).
 */
public final class PlainEchoServer {

    private PlainEchoServer() {}

    public static void main(String[] args) throws IOException {
        AccessPolicy policy = AccessPolicy.load(Path.of(args[1]), Path.of(args[2]));
        Syslog log = StreamSyslog.stderr("echo-example"); // a real daemon: UnixSocketSyslog.devLog("echo-example")
        EmbeddedAccess access = EmbeddedAccess.builder("echo-example", () -> policy, log)
                .services(new LookupServices(new SystemHostResolver(), new Rfc1413IdentClient(), new SystemUserDatabase()))
                .build();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        try (AccessCheckedServerSocketChannel server = AccessCheckedServerSocketChannel.open(address, access)) {
            System.out.println("listening on " + server.localAddress());
            while (true) {
                SocketChannel client = server.accept(); // only allowed clients come out of here
                Thread.startVirtualThread(() -> echo(client));
            }
        }
    }

    private static void echo(SocketChannel client) {
        try (client) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (client.read(buffer) > 0) {
                client.write(buffer.flip());
                buffer.clear();
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
