package dev.jwrap.netty;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Test fixture: PROXY protocol headers written by hand from the HAProxy specification. */
final class ProxyHeaders {

    /** The 12-byte signature that starts every version 2 header. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {}

    static byte[] v1(String source, String destination, int sourcePort, int destinationPort) {
        String family = source.contains(":") ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY (command 1) header for a TCP connection over IPv4 or IPv6. */
    static byte[] v2(String source, String destination, int sourcePort, int destinationPort) {
        byte[] src = InetAddress.ofLiteral(source).getAddress();
        byte[] dst = InetAddress.ofLiteral(destination).getAddress();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x21); // version 2, command PROXY
        out.write(src.length == 4 ? 0x11 : 0x21); // AF_INET or AF_INET6, STREAM
        int length = 2 * src.length + 4;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(src);
        out.writeBytes(dst);
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xFF);
        out.write(destinationPort >> 8);
        out.write(destinationPort & 0xFF);
        return out.toByteArray();
    }

    /** A v2 LOCAL header (the proxy's own health check): no addresses. */
    static byte[] v2Local() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x20); // version 2, command LOCAL
        out.write(0x00); // AF_UNSPEC
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
