package dev.jwrap.audit.inventory;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the text of one /proc/net/{tcp,udp,raw}[6] file: a header line, then one line per socket
 * with blank-separated columns {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid
 * timeout inode ...}. A line that does not fit is skipped and reported to the warning sink with its
 * line number; it never stops the parse. Stateless.
 */
final class ProcNetParser {

    private static final int MIN_COLUMNS = 10;

    private final ByteOrder order;

    ProcNetParser(ByteOrder order) {
        this.order = order;
    }

    /**
     * The socket lines of the file.
     *
     * @param name the file's name for warnings
     * @param listeningOnly keep only listening sockets (the state is tested before the addresses are
     *     decoded: a busy host has thousands of TIME_WAIT lines)
     */
    List<SocketLine> parse(String name, Transport transport, boolean ipv6, String text, boolean listeningOnly,
            Consumer<String> warnings) {
        List<SocketLine> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 1 is the header
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                SocketLine s = parseLine(transport, ipv6, line, listeningOnly);
                if (s != null) {
                    out.add(s);
                }
            } catch (IllegalArgumentException e) {
                warnings.accept(name + ":" + (i + 1) + ": skipped a line that is no socket entry (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private SocketLine parseLine(Transport transport, boolean ipv6, String line, boolean listeningOnly) {
        String[] col = line.split("\\s+");
        if (col.length < MIN_COLUMNS || !col[0].endsWith(":")) {
            throw new IllegalArgumentException(col.length + " columns");
        }
        SocketState state = SocketState.ofCode(hex(col[3], 2));
        if (state == null) {
            throw new IllegalArgumentException("unknown state " + col[3]);
        }
        if (listeningOnly && state != SocketState.LISTEN && state != SocketState.CLOSE) {
            return null;
        }
        ProcNetAddress.Endpoint local = ProcNetAddress.parse(col[1], order);
        ProcNetAddress.Endpoint remote = ProcNetAddress.parse(col[2], order);
        if ((local.address().getAddress().length == 16 || local.mapped()) != ipv6) {
            throw new IllegalArgumentException("address of the wrong family " + col[1]);
        }
        SocketLine s = new SocketLine(transport, ipv6, local.address(), local.port(), local.mapped(), remote.port(),
                state, Integer.parseInt(col[7]), Long.parseLong(col[9]));
        return listeningOnly && !s.isListening() ? null : s;
    }

    private static int hex(String s, int digits) {
        if (s.length() != digits) {
            throw new IllegalArgumentException("not " + digits + " hex digits: " + s);
        }
        return Integer.parseInt(s, 16);
    }
}
