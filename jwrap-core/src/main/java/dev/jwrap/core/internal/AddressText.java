package dev.jwrap.core.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Numeric address text exactly as glibc's {@code getnameinfo(NI_NUMERICHOST)} writes it:
 * dotted quad for IPv4; for IPv6 lower-case hex, the longest run (first on ties) of two or more
 * zero groups as {@code ::}, {@code ::ffff:a.b.c.d} and {@code ::a.b.c.d} for mapped and
 * compatible addresses, and {@code %scope} when a scope is set. {@link InetAddress#getHostAddress}
 * differs ({@code 0:0:0:0:0:0:0:1}), and libwrap compares and prints these strings.
 */
public final class AddressText {

    private AddressText() {}

    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return dottedQuad(address.getAddress(), 0);
        }
        Inet6Address v6 = (Inet6Address) address;
        String text = formatV6(v6.getAddress());
        if (v6.getScopedInterface() != null) {
            return text + "%" + v6.getScopedInterface().getName();
        }
        if (v6.getScopeId() != 0) {
            return text + "%" + v6.getScopeId();
        }
        return text;
    }

    /** Formats 16 bytes as glibc's {@code inet_ntop(AF_INET6)} does. */
    public static String formatV6(byte[] bytes) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            boolean embeddedV4 = i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff));
            if (embeddedV4) {
                out.append(dottedQuad(bytes, 12));
                return out.toString();
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }

    private static String dottedQuad(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }
}
