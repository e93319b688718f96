package dev.jwrap.proxy.guard;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Opens sockets in the family of the address they will use. The JDK opens dual-stack IPv6
 * sockets by default; a specific IPv4 address gets a plain IPv4 socket instead, which spares a
 * setsockopt per socket and the kernel's v4-mapped path on every connection. Everything else
 * (IPv6, and the IPv4 wildcard, which on a dual-stack socket also takes IPv6 clients) keeps the
 * JDK's default.
 */
final class Families {

    private Families() {}

    static SocketChannel socketFor(InetSocketAddress address) throws IOException {
        return plainIpv4(address) ? SocketChannel.open(StandardProtocolFamily.INET) : SocketChannel.open();
    }

    static ServerSocketChannel serverSocketFor(InetSocketAddress address) throws IOException {
        return plainIpv4(address) ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
    }

    private static boolean plainIpv4(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address v4 && !v4.isAnyLocalAddress();
    }
}
