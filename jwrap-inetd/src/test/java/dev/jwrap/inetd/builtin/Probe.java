package dev.jwrap.inetd.builtin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** Test client: small blocking TCP and UDP exchanges with timeouts (no sleeps). */
final class Probe {

    static final int TIMEOUT_MS = 5000;

    private Probe() {}

    /** Connects, sends {@code request}, half-closes, reads until EOF. */
    static byte[] tcpExchange(InetSocketAddress to, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(request);
            s.shutdownOutput();
            return s.getInputStream().readAllBytes();
        }
    }

    /** Connects, sends nothing, reads until EOF. */
    static byte[] tcpRead(InetSocketAddress to) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            return s.getInputStream().readAllBytes();
        }
    }

    /** Connects and reads exactly {@code n} bytes, then closes. */
    static byte[] tcpReadN(InetSocketAddress to, int n) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            return readN(s.getInputStream(), n);
        }
    }

    static byte[] readN(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (out.size() < n) {
            int got = in.read(buf, 0, Math.min(buf.length, n - out.size()));
            if (got < 0) {
                break;
            }
            out.write(buf, 0, got);
        }
        return out.toByteArray();
    }

    /** Sends one datagram from {@code from} (port 0 = any) and returns the reply, or null after {@code waitMs}. */
    static byte[] udpExchange(InetSocketAddress from, InetSocketAddress to, byte[] request, int waitMs)
            throws IOException {
        try (DatagramSocket s = new DatagramSocket(from)) {
            return udpExchange(s, to, request, waitMs);
        }
    }

    static byte[] udpExchange(DatagramSocket s, InetSocketAddress to, byte[] request, int waitMs) throws IOException {
        s.setSoTimeout(waitMs);
        s.send(new DatagramPacket(request, request.length, to));
        byte[] buf = new byte[65536];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        try {
            s.receive(reply);
        } catch (SocketTimeoutException none) {
            return null;
        }
        return Arrays.copyOf(buf, reply.getLength());
    }

    static InetSocketAddress any(String address) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(address), 0);
    }
}
