package dev.jwrap.host.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Test fixture: a TCP client on a chosen loopback source address (127.0.0.2 is as local as
 * 127.0.0.1 on Linux, but another client to the rules). Every read has a timeout.
 */
public final class LoopbackClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;

    private LoopbackClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects from {@code source} (any port) to {@code server}. */
    public static LoopbackClient connect(String source, SocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(source), 0));
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new LoopbackClient(socket);
    }

    public LoopbackClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public LoopbackClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Half-closes: the server sees EOF. */
    public LoopbackClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Reads exactly {@code n} bytes as Latin-1 text (fails on EOF or the read timeout). */
    public String read(int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        if (bytes.length < n) {
            throw new IOException("EOF after " + bytes.length + " of " + n + " bytes: "
                    + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Everything up to the server's close, as Latin-1 text. A reset after the data counts as the
     * close; no close within the read timeout fails.
     */
    public String readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("server did not close within " + TIMEOUT_MILLIS + " ms; got: "
                    + all.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException reset) {
            // connection reset by the closing server: what came before it is the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
