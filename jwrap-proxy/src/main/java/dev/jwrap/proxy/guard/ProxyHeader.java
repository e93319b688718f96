package dev.jwrap.proxy.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the HAProxy PROXY protocol header (version 1 text or version 2 binary) that tells the
 * backend the real client and the address it connected to. Both addresses go out in one family:
 * when they differ (a dual-stack listener), the IPv4 one is written as an IPv4-mapped IPv6 address.
 */
final class ProxyHeader {

    /** The 12 bytes every version 2 header starts with. */
    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
    };
    private static final byte V2_PROXY_COMMAND = 0x21;
    private static final byte V2_TCP4 = 0x11;
    private static final byte V2_TCP6 = 0x21;

    private ProxyHeader() {}

    /** The header for a connection from {@code client} to {@code server}, ready to write. */
    static ByteBuffer encode(ProxyProtocol version, InetSocketAddress client, InetSocketAddress server) {
        InetAddress source = client.getAddress();
        InetAddress destination = server.getAddress();
        if (source instanceof Inet4Address != destination instanceof Inet4Address) {
            source = asIpv6(source);
            destination = asIpv6(destination);
        }
        return switch (version) {
            case V1 -> v1(source, client.getPort(), destination, server.getPort());
            case V2 -> v2(source, client.getPort(), destination, server.getPort());
            case NONE -> ByteBuffer.allocate(0);
        };
    }

    private static ByteBuffer v1(InetAddress source, int sourcePort, InetAddress destination, int destinationPort) {
        String family = source instanceof Inet4Address ? "TCP4" : "TCP6";
        String line = "PROXY " + family + " " + text(source) + " " + text(destination) + " " + sourcePort + " "
                + destinationPort + "\r\n";
        return ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer v2(InetAddress source, int sourcePort, InetAddress destination, int destinationPort) {
        byte[] from = source.getAddress();
        byte[] to = destination.getAddress();
        int addressLength = from.length + to.length + 4;
        ByteBuffer header = ByteBuffer.allocate(V2_SIGNATURE.length + 4 + addressLength);
        header.put(V2_SIGNATURE)
                .put(V2_PROXY_COMMAND)
                .put(from.length == 4 ? V2_TCP4 : V2_TCP6)
                .putShort((short) addressLength)
                .put(from)
                .put(to)
                .putShort((short) sourcePort)
                .putShort((short) destinationPort);
        return header.flip();
    }

    /** The address without a scope suffix ({@code fe80::1%eth0} has no place in the header). */
    private static String text(InetAddress address) {
        String host = address.getHostAddress();
        int scope = host.indexOf('%');
        return scope < 0 ? host : host.substring(0, scope);
    }

    private static InetAddress asIpv6(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        try {
            // getByAddress would turn a mapped address back into an Inet4Address
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
