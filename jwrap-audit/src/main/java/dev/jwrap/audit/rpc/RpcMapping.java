package dev.jwrap.audit.rpc;

/**
 * One registration the portmapper holds: an ONC RPC program, version and transport on a port.
 *
 * @param program the RPC program number (100005 = mountd)
 * @param version the program version
 * @param protocol the IP protocol number: 6 (TCP) or 17 (UDP)
 * @param port the port the program listens on
 */
public record RpcMapping(int program, int version, int protocol, int port) {

    private static final int TCP = 6;
    private static final int UDP = 17;

    /** {@code tcp}, {@code udp}, or {@code proto N} for anything else. */
    public String transport() {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            default -> "proto " + protocol;
        };
    }
}
