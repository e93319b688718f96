package dev.jwrap.audit.scan;

/**
 * What a UDP probe of one port found.
 *
 * @param port the port probed
 * @param service the service the request was made for
 * @param state {@code open} (an answer came), {@code closed} (ICMP port unreachable) or
 *     {@code open|filtered} (silence after every try: nmap's word for it)
 */
public record UdpProbeResult(int port, UdpService service, String state) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String OPEN_FILTERED = "open|filtered";
}
