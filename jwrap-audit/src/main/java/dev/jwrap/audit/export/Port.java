package dev.jwrap.audit.export;

/**
 * A local port a daemon listens on.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param number the port number
 */
public record Port(String protocol, int number) implements Comparable<Port> {

    @Override
    public int compareTo(Port o) {
        int c = protocol.compareTo(o.protocol);
        return c != 0 ? c : Integer.compare(number, o.number);
    }
}
