package dev.jwrap.audit.harden;

import dev.jwrap.core.internal.AddressText;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network given on the command line ({@code 10.0.0.0/8}, {@code 2001:db8::/64}, or one address),
 * written into hosts.allow in numeric form only: IPv4 {@code a.b.c.d/len}, IPv6 {@code [addr]/len},
 * a single address without a length. Immutable.
 *
 * @param network the network address (host bits cleared)
 * @param prefix the prefix length
 */
public record ClientNet(InetAddress network, int prefix) {

    /**
     * Parses a network; no names are looked up.
     *
     * @throws IllegalArgumentException when the text is not an address with an optional /length
     */
    public static ClientNet parse(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            t = t.replaceFirst("^\\[([^\\]]*)\\]", "$1");
        }
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (addr.isEmpty() || !addr.matches("[0-9a-fA-F:.]+") || !addr.contains(".") && !addr.contains(":")) {
            throw new IllegalArgumentException("not a numeric address or network: " + text);
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(addr); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address or network: " + text, e);
        }
        int bits = a.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in " + text);
        }
        return new ClientNet(address(mask(a.getAddress(), prefix, false)), prefix);
    }

    /** The first address of the network. */
    public InetAddress first() {
        return network;
    }

    /** The last address of the network. */
    public InetAddress last() {
        return address(mask(network.getAddress(), prefix, true));
    }

    /** The hosts.allow pattern. */
    public String pattern() {
        String host = network instanceof Inet6Address ? "[" + AddressText.formatV6(network.getAddress()) + "]" : network.getHostAddress();
        int bits = network.getAddress().length * 8;
        return prefix == bits ? host : host + "/" + prefix;
    }

    private static byte[] mask(byte[] bytes, int prefix, boolean setHostBits) {
        BigInteger v = new BigInteger(1, bytes);
        int bits = bytes.length * 8;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        v = setHostBits ? v.or(hostMask) : v.andNot(hostMask);
        byte[] raw = v.toByteArray();
        byte[] out = new byte[bytes.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return bytes.length == 16 && a instanceof Inet4Address ? Inet6Address.getByAddress(null, bytes, -1) : a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
