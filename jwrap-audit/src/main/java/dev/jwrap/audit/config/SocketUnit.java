package dev.jwrap.audit.config;

import java.util.List;

/**
 * A systemd {@code .socket} unit after its drop-ins. Immutable.
 *
 * @param name the unit name ({@code telnet.socket})
 * @param file the unit file that defines it, as reports show it
 * @param listens {@code ListenStream=}, {@code ListenDatagram=} and {@code ListenSequentialPacket=}
 *     values, each with the file and line that set it
 * @param accept whether {@code Accept=yes} (one service instance per connection, inetd style)
 * @param service the {@code Service=} it activates, or null for the default
 * @param ipAddressAllow {@code IPAddressAllow=} values: systemd's own client restriction
 * @param enabled linked from a {@code .wants}/{@code .requires} directory
 * @param masked linked to /dev/null in /etc or /run
 */
public record SocketUnit(String name, String file, List<Listen> listens, boolean accept, String service,
        List<String> ipAddressAllow, boolean enabled, boolean masked) {

    public SocketUnit {
        listens = List.copyOf(listens);
        ipAddressAllow = List.copyOf(ipAddressAllow);
    }

    /**
     * One listen directive.
     *
     * @param kind {@code ListenStream}, {@code ListenDatagram} or {@code ListenSequentialPacket}
     * @param value the address as written ({@code 23}, {@code [::]:23}, {@code /run/x.sock})
     * @param file where it was set
     * @param line the line there
     */
    public record Listen(String kind, String value, String file, int line) {

        /** The port of a network address, -1 for a path, abstract or vsock socket. */
        public int port() {
            if (value.startsWith("/") || value.startsWith("@") || value.startsWith("vsock:")) {
                return -1;
            }
            String p = value.substring(value.lastIndexOf(':') + 1);
            try {
                return Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** {@code udp} for a datagram socket, {@code tcp} otherwise. */
        public String transport() {
            return kind.equals("ListenDatagram") ? "udp" : "tcp";
        }
    }

    /** The unit's name without {@code .socket}. */
    public String baseName() {
        return name.endsWith(".socket") ? name.substring(0, name.length() - ".socket".length()) : name;
    }
}
