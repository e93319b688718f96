package dev.jwrap.core.check;

import dev.jwrap.core.policy.ClientPattern;
import dev.jwrap.core.policy.DaemonPattern;
import dev.jwrap.core.policy.HostPattern;
import dev.jwrap.core.policy.NetMask;
import dev.jwrap.core.policy.PatternList;
import dev.jwrap.core.policy.Rule;
import dev.jwrap.core.policy.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Single patterns that are valid but can never match: an IPv4 {@code net/mask} whose network has
 * bits outside the mask ({@code 192.0.2.1/24}). libwrap does not mask the network (spec §2.5),
 * and neither tcpd nor tcpdchk says anything.
 */
final class PatternAnalysis {

    private PatternAnalysis() {}

    static List<Finding> analyze(Table table) {
        List<Finding> out = new ArrayList<>();
        for (Rule rule : table.rules()) {
            for (HostPattern h : hosts(rule.daemons(), DaemonPattern::host)) {
                report(rule, h, out);
            }
            for (HostPattern h : hosts(rule.clients(), ClientPattern::host)) {
                report(rule, h, out);
            }
        }
        return out;
    }

    private static <T> List<HostPattern> hosts(PatternList<T> list, Function<T, HostPattern> host) {
        List<HostPattern> out = new ArrayList<>();
        for (PatternList<T> l = list; l != null; l = l.except()) {
            for (T p : l.head()) {
                HostPattern h = host.apply(p);
                if (h != null) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    private static void report(Rule rule, HostPattern h, List<Finding> out) {
        if (!(h instanceof HostPattern.Masked m) || !hasHostBits(m.mask())) {
            return;
        }
        NetMask n = m.mask();
        String net = dotted(n.v4Net() & n.v4Mask());
        String fixed = h.text().substring(0, h.text().indexOf('/'));
        out.add(new Finding(Finding.Severity.WARNING, FindingCode.NETMASK_HOST_BITS, rule.ref().file(), rule.ref().line(),
                h.text() + " never matches: the network " + fixed + " has bits outside the mask (write "
                        + net + h.text().substring(h.text().indexOf('/')) + ")"));
    }

    static boolean hasHostBits(NetMask n) {
        return n.v4Net() >= 0 && (n.v4Net() & ~n.v4Mask() & 0xffffffffL) != 0;
    }

    private static String dotted(long a) {
        return ((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
    }
}
