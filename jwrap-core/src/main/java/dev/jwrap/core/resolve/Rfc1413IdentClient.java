package dev.jwrap.core.resolve;

import dev.jwrap.core.internal.MappedAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks the client host's identd (RFC 1413, port 113) which user owns a connection, the way
 * libwrap does (hosts_access spec §6, "Ident"): from the server's address, query
 * {@code <client port>,<server port>}, read one line and accept it only in the form
 * {@link IdentReply} describes. Anything else, an error or running out of time gives
 * {@link #UNKNOWN}. Blocking I/O on {@link Socket}, fine on virtual threads. Thread-safe.
 */
public final class Rfc1413IdentClient implements IdentClient {

    /** The ident service port. */
    public static final int IDENT_PORT = 113;

    /** libwrap reads the reply with {@code fgets} into a 512-byte buffer: at most 511 bytes. */
    static final int MAX_LINE = 511;

    private final int identPort;

    /** A client that asks port 113. */
    public Rfc1413IdentClient() {
        this(IDENT_PORT);
    }

    /**
     * A client that asks {@code identPort} instead of 113 (tests run a fake identd on a high
     * loopback port).
     */
    public Rfc1413IdentClient(int identPort) {
        if (identPort < 1 || identPort > 65535) {
            throw new IllegalArgumentException("identPort must be 1..65535, got " + identPort);
        }
        this.identPort = identPort;
    }

    @Override
    public String lookup(InetSocketAddress client, InetSocketAddress server, Duration timeout) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        if (client.getAddress() == null || server.getAddress() == null || !timeout.isPositive()) {
            return UNKNOWN;
        }
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        // A dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d; the plain IPv4 form reaches the
        // same host and binds on any socket.
        InetAddress clientAddress = MappedAddresses.unmapped(client.getAddress());
        InetAddress serverAddress = MappedAddresses.unmapped(server.getAddress());
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(serverAddress, 0));
            socket.connect(new InetSocketAddress(clientAddress, identPort), remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            out.write((client.getPort() + "," + server.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = readLine(socket, deadline);
            if (line == null) {
                return UNKNOWN;
            }
            return IdentReply.user(line, client.getPort(), server.getPort()).orElse(UNKNOWN);
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /**
     * What {@code fgets} gives libwrap: bytes up to and including the first newline, or the first
     * {@link #MAX_LINE} bytes; null when the stream ends before either (libwrap then sees EOF and
     * rejects the reply). ISO-8859-1 keeps every byte as one character.
     */
    private static String readLine(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        while (length < MAX_LINE) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(line, length, MAX_LINE - length);
            if (n < 0) {
                return null;
            }
            for (int i = length; i < length + n; i++) {
                if (line[i] == '\n') {
                    return new String(line, 0, i + 1, StandardCharsets.ISO_8859_1);
                }
            }
            length += n;
        }
        return new String(line, 0, MAX_LINE, StandardCharsets.ISO_8859_1);
    }

    /** Milliseconds left until the deadline, at least 1 (0 would mean "no timeout"). */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("ident lookup ran out of time");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    private static long saturatedNanos(Duration d) {
        // Keeps deadline arithmetic clear of overflow: ~146 years is "forever" here.
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) > 0 ? Long.MAX_VALUE / 2 : d.toNanos();
    }
}
