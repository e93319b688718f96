package dev.jwrap.audit.rpc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A portmapper for tests on a loopback port: it answers one {@code PMAPPROC_DUMP} call per connection
 * with a fixed reply, sent as two record fragments, and records the call it got. The reply's
 * transaction id is the call's; every other byte is fixed.
 */
public final class FakePortmapper implements AutoCloseable {

    /**
     * An accepted, successful reply after the transaction id: REPLY, MSG_ACCEPTED, AUTH_NULL verifier,
     * SUCCESS, then the list: portmapper v2 tcp 111, portmapper v2 udp 111, mountd v3 tcp 20048,
     * mountd v3 udp 20048, status v1 udp 41234, an unknown program 400123 v1 tcp 7000, end.
     */
    public static final byte[] REPLY_AFTER_XID = HexFormat.of().parseHex(""
            + "00000001" + "00000000" + "00000000" + "00000000" + "00000000"
            + "00000001" + "000186a0" + "00000002" + "00000006" + "0000006f"
            + "00000001" + "000186a0" + "00000002" + "00000011" + "0000006f"
            + "00000001" + "000186a5" + "00000003" + "00000006" + "00004e50"
            + "00000001" + "000186a5" + "00000003" + "00000011" + "00004e50"
            + "00000001" + "000186b8" + "00000001" + "00000011" + "0000a112"
            + "00000001" + "00061afb" + "00000001" + "00000006" + "00001b58"
            + "00000000");

    private final ServerSocket server;
    private final CompletableFuture<byte[]> call = new CompletableFuture<>();

    public FakePortmapper() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
        Thread.ofPlatform().daemon().name("fake-portmapper").start(this::serve);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The call message the first client sent (without its record mark). */
    public CompletableFuture<byte[]> call() {
        return call;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                int mark = in.readInt();
                byte[] message = new byte[mark & 0x7fff_ffff];
                in.readFully(message);
                call.complete(message);
                byte[] reply = ByteBuffer.allocate(4 + REPLY_AFTER_XID.length)
                        .put(message, 0, 4).put(REPLY_AFTER_XID).array();
                int half = 24; // a cut inside the list: the client must join fragments
                OutputStream out = s.getOutputStream();
                out.write(ByteBuffer.allocate(4).putInt(half).array());
                out.write(reply, 0, half);
                out.write(ByteBuffer.allocate(4).putInt(0x8000_0000 | (reply.length - half)).array());
                out.write(reply, half, reply.length - half);
                out.flush();
            } catch (IOException e) {
                call.completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
