package dev.jwrap.audit.scan;

import java.nio.charset.StandardCharsets;

/**
 * The classic UDP services that {@code jwrap scan --udp} may probe (spec §3.2), each with a request
 * its protocol answers and that changes nothing on the target. syslog, snmp and tftp are left out
 * on purpose: a request to them has side effects.
 */
public enum UdpService {
    /** RFC 862: the datagram comes back. */
    ECHO(7, "jwrap udp probe\n".getBytes(StandardCharsets.US_ASCII)),
    /** RFC 863: never answers; only a refusal (ICMP port unreachable) tells anything. */
    DISCARD(9, new byte[] {'\n'}),
    /** RFC 867: any datagram gets the date as text. */
    DAYTIME(13, new byte[] {'\n'}),
    /** RFC 864: any datagram gets a datagram of characters. */
    CHARGEN(19, new byte[] {'\n'}),
    /**
     * RFC 868: a datagram gets the time as 4 bytes. The RFC's request is empty, but a Java channel
     * sends no empty datagram; servers answer any datagram.
     */
    TIME(37, new byte[] {'\n'}),
    /** RFC 5905: a client-mode request (LI 0, version 4, mode 3), the rest zero. */
    NTP(123, ntpRequest());

    private final int port;
    private final byte[] request;

    UdpService(int port, byte[] request) {
        this.port = port;
        this.request = request;
    }

    /** The well-known port. */
    public int port() {
        return port;
    }

    /** The name as in services(5). */
    public String serviceName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    byte[] request() {
        return request.clone();
    }

    private static byte[] ntpRequest() {
        byte[] b = new byte[48];
        b[0] = 0x23; // leap indicator 0, version 4, mode 3 (client)
        return b;
    }
}
