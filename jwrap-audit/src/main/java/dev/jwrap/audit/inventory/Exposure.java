package dev.jwrap.audit.inventory;

import java.net.InetAddress;

/** Who can reach a listener, from its bound address. */
public enum Exposure {
    /** 127/8, ::1, or a mapped loopback address: this host only. */
    LOOPBACK,
    /** 0.0.0.0 or ::: every address of the host. */
    ANY,
    /** One specific local address. */
    ADDRESS;

    static Exposure of(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        return address.isAnyLocalAddress() ? ANY : ADDRESS;
    }

    /** Lower-case name, as reports print it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
