package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.util.HexFormat;

/**
 * tcpd's KILL_IP_OPTIONS step (hosts_access.md §6 step 6), for an IPv4 socket, before the access
 * check: a connection whose options carry a source route (LSRR, SSRR) is logged at warning and
 * shut down in both directions, and the wrapper carries on as tcpd 7.6 does, so the daemon or the
 * refusal then works on a dead connection; any other options are logged at notice, byte by byte,
 * and removed so that the daemon's replies do not follow the client's route.
 *
 * <p>The scan for a source route starts 4 bytes in, as tcpd's does: 4.4BSD puts the first-hop
 * address before the options, Linux does not, so on Linux tcpd misses a source route that is the
 * first option. jwrap keeps that blind spot, so that both wrappers refuse the same connections.
 * Stateless.
 */
final class IpOptionsCheck {

    // <netinet/ip.h>
    private static final int IPOPT_EOL = 0;
    private static final int IPOPT_NOP = 1;
    private static final int IPOPT_LSRR = 0x83;
    private static final int IPOPT_SSRR = 0x89;
    /** Where tcpd starts looking: past the first-hop address BSD prepends (sizeof(struct in_addr)). */
    private static final int FIRST_HOP_ROOM = 4;
    private static final SyslogPriority NOTICE = new SyslogPriority(-1, 5);

    private IpOptionsCheck() {}

    /**
     * Checks the options of the connection on {@code socket}, an IPv4 socket.
     *
     * @param client the client as tcpd's {@code %c} shows it before any lookup: its address
     */
    static void apply(InheritedSocket socket, String client, Syslog log) {
        byte[] options;
        try {
            options = socket.ipOptions();
        } catch (IOException e) {
            return; // tcpd goes on silently when it cannot read them
        }
        if (options.length == 0) {
            return;
        }
        if (sourceRouted(options)) {
            log.warning("refused connect from " + client + " with IP source routing options");
            socket.shutdown();
            return;
        }
        log.log(NOTICE, "connect from " + client + " with IP options (ignored):" + spacedHex(options));
        try {
            socket.clearIpOptions();
        } catch (IOException e) {
            log.error("setsockopt IP_OPTIONS NULL: " + e.getMessage());
            socket.shutdown();
        }
    }

    /**
     * Whether tcpd's walk over the options (from byte 4; NOP is one byte, every other option says
     * its length; EOL, a zero length or the end stop it) meets LSRR or SSRR.
     */
    static boolean sourceRouted(byte[] options) {
        int at = FIRST_HOP_ROOM;
        while (at < options.length) {
            int option = Byte.toUnsignedInt(options[at]);
            if (option == IPOPT_LSRR || option == IPOPT_SSRR) {
                return true;
            }
            if (option == IPOPT_EOL) {
                return false;
            }
            // a length byte past the end would take the walk past the end too: it stops either way
            int length = option == IPOPT_NOP ? 1 : at + 1 < options.length ? Byte.toUnsignedInt(options[at + 1]) : 0;
            if (length == 0) {
                return false;
            }
            at += length;
        }
        return false;
    }

    /** Each byte as a space and two lower-case hex digits (tcpd's {@code " %2.2x"}). */
    static String spacedHex(byte[] options) {
        StringBuilder text = new StringBuilder(options.length * 3);
        HexFormat hex = HexFormat.of();
        for (byte b : options) {
            text.append(' ').append(hex.toHexDigits(b));
        }
        return text.toString();
    }
}
