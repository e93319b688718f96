package dev.jwrap.audit.inventory;

/** The socket tables of /proc/net that the inventory reads, with their IPv4 and IPv6 file names. */
public enum Transport {
    TCP("tcp", "tcp6"),
    UDP("udp", "udp6"),
    /** Raw IP sockets: the "port" column holds the IP protocol number. */
    RAW("raw", "raw6");

    private final String ipv4File;
    private final String ipv6File;

    Transport(String ipv4File, String ipv6File) {
        this.ipv4File = ipv4File;
        this.ipv6File = ipv6File;
    }

    /** The file under /proc/net for one address family. */
    String file(boolean ipv6) {
        return ipv6 ? ipv6File : ipv4File;
    }

    /** Lower-case name, as reports print it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
