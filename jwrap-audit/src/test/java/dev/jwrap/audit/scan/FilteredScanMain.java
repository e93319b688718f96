package dev.jwrap.audit.scan;

import java.net.InetAddress;
import java.util.Random;

/**
 * Run by {@link FilteredPortIT} inside a network namespace whose firewall drops one port: warms the
 * scanner up on a closed port (class loading and JIT are not the port's time), then scans the
 * dropped port with the loopback timing and prints {@code STATE REASON MILLIS}.
 */
public final class FilteredScanMain {

    private FilteredScanMain() {}

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        int dropped = Integer.parseInt(args[0]);
        int closed = Integer.parseInt(args[1]);
        for (int i = 0; i < 20; i++) {
            new ConnectScanner(ChannelOpener.SYSTEM, ScanTiming.LOOPBACK, new Random(i)).scan(loopback, PortList.parse(Integer.toString(closed)));
        }
        ScanResult r = new ConnectScanner(ChannelOpener.SYSTEM, ScanTiming.LOOPBACK, new Random(1))
                .scan(loopback, PortList.parse(Integer.toString(dropped)));
        String state = r.open().contains(dropped) ? "open" : r.filtered().containsKey(dropped) ? "filtered" : "closed";
        System.out.println(state + " " + r.filtered().getOrDefault(dropped, "-") + " " + r.nanos() / 1_000_000);
    }
}
