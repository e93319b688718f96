package dev.jwrap.audit.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the {@code ADDR:PORT} columns of /proc/net/{tcp,udp,raw}[6]. The kernel prints each
 * 32-bit word of the address as the integer it is in memory, so on a little-endian machine the
 * bytes of 127.0.0.1 come out as {@code 0100007F}; writing the number back in the machine's own
 * order gives the address bytes on any architecture. The port is an ordinary hex number.
 */
final class ProcNetAddress {

    private ProcNetAddress() {}

    /** An address and port; {@code mapped} when an IPv6 socket is bound to an IPv4-mapped address. */
    record Endpoint(InetAddress address, int port, boolean mapped) {}

    /**
     * Parses {@code HEX:HEX}.
     *
     * @param order the byte order of the machine that wrote the file (the native one for /proc)
     * @throws IllegalArgumentException when the text is no address of 8 or 32 hex digits and a port
     */
    static Endpoint parse(String text, ByteOrder order) {
        int colon = text.indexOf(':');
        if (colon != 8 && colon != 32 || text.length() - colon - 1 != 4) {
            throw new IllegalArgumentException("not an address:port pair: " + text);
        }
        byte[] bytes = new byte[colon / 2];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        for (int i = 0; i < colon; i += 8) {
            buffer.putInt((int) Long.parseLong(text.substring(i, i + 8), 16));
        }
        int port = Integer.parseInt(text.substring(colon + 1), 16);
        try {
            // getByAddress turns ::ffff:a.b.c.d into an Inet4Address by itself
            return new Endpoint(InetAddress.getByAddress(bytes), port, bytes.length == 16 && isMapped(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // only for a wrong length, excluded above
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
