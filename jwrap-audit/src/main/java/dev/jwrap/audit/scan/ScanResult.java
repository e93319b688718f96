package dev.jwrap.audit.scan;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a connect scan found. Immutable.
 *
 * @param target the address scanned
 * @param ports the ports asked for
 * @param open open ports, ascending
 * @param filtered ports without an answer (or with an ICMP error), with the reason
 * @param closed how many ports answered with a reset
 * @param nanos how long the scan took
 */
public record ScanResult(InetAddress target, PortList ports, List<Integer> open, SortedMap<Integer, String> filtered,
        int closed, long nanos) {

    public ScanResult {
        open = open.stream().sorted().toList();
        filtered = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(filtered));
    }

    /** Filtered ports as a plain map. */
    public Map<Integer, String> filteredPorts() {
        return filtered;
    }
}
