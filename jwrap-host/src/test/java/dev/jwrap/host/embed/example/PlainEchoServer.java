package dev.jwrap.host.embed.example;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.embed.AccessCheckedServerSocketChannel;
import dev.jwrap.host.embed.AccessFilter;
import dev.jwrap.host.embed.EmbeddedAccess;
import dev.jwrap.host.log.StreamSyslog;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Example: an echo server that serves only the clients hosts.allow / hosts.deny let in, as the
 * daemon {@code echo-example}: on an {@link AccessCheckedServerSocketChannel}, or with
 * {@code socket} as fourth argument, a plain {@code ServerSocket} loop with an {@link AccessFilter}.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp ... PlainEchoServer PORT ALLOW DENY [socket]}
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
        if (args.length > 3 && args[3].equals("socket")) {
            serveSockets(access, Integer.parseInt(args[0]));
            return;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        try (AccessCheckedServerSocketChannel server = AccessCheckedServerSocketChannel.open(address, access)) {
            System.out.println("listening on " + server.localAddress());
            while (true) {
                SocketChannel client = server.accept(); // only allowed clients come out of here
                Thread.startVirtualThread(() -> echo(client));
            }
        }
    }

    private static void serveSockets(EmbeddedAccess access, int port) throws IOException {
        AccessFilter filter = new AccessFilter(access);
        try (ServerSocket serverSocket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + serverSocket.getLocalSocketAddress());
            while (true) {
                Socket socket = serverSocket.accept();
                Thread.startVirtualThread(() -> { if (filter.admit(socket)) serve(socket); }); // false: refused and closed
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.getInputStream().transferTo(socket.getOutputStream());
        } catch (IOException e) {
            // the client went away
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
