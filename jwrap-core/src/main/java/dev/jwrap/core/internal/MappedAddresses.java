package dev.jwrap.core.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}), which libwrap treats as IPv4. */
public final class MappedAddresses {

    private MappedAddresses() {}

    /** The IPv4 address inside an IPv4-mapped IPv6 address; any other address unchanged. */
    public static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = Arrays.equals(b, 0, 10, new byte[10], 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new AssertionError("4 bytes are always an address", e);
                }
            }
        }
        return address;
    }
}
