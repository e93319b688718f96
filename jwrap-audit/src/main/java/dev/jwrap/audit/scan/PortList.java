package dev.jwrap.audit.scan;

import java.util.BitSet;

/**
 * The ports to scan, from nmap-style text: {@code 22}, {@code 1-1024}, {@code 22,80,8000-8100},
 * {@code -} for 1-65535. Immutable.
 */
public final class PortList {

    private final BitSet ports;

    private PortList(BitSet ports) {
        this.ports = ports;
    }

    /**
     * Parses a port list.
     *
     * @throws IllegalArgumentException naming the bad element
     */
    public static PortList parse(String text) {
        BitSet set = new BitSet(65536);
        if (text.strip().equals("-")) {
            set.set(1, 65536);
            return new PortList(set);
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                int low = dash < 0 ? Integer.parseInt(p) : dash == 0 ? 1 : Integer.parseInt(p.substring(0, dash));
                int high = dash < 0 ? low : dash == p.length() - 1 ? 65535 : Integer.parseInt(p.substring(dash + 1));
                if (low < 1 || high > 65535 || low > high) {
                    throw new IllegalArgumentException("port range out of 1-65535: " + p);
                }
                set.set(low, high + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port or port range: " + p, e);
            }
        }
        return new PortList(set);
    }

    /** The ports in ascending order. */
    public int[] toArray() {
        return ports.stream().toArray();
    }

    public int size() {
        return ports.cardinality();
    }

    /** Whether the list holds the port. */
    public boolean contains(int port) {
        return port >= 0 && ports.get(port);
    }

    /** The list as text: ranges joined by commas. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int i = ports.nextSetBit(0);
        while (i >= 0) {
            int end = ports.nextClearBit(i) - 1;
            out.append(out.isEmpty() ? "" : ",").append(i == end ? Integer.toString(i) : i + "-" + end);
            i = ports.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
