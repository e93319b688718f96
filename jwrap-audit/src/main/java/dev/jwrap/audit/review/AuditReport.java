package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.scan.ScanResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an audit: what listens, what is configured, the access tables' posture and every
 * finding, sorted. Immutable.
 *
 * @param root the audited root as given
 * @param live whether the root is the running system's
 * @param limitations what could not be seen, one sentence each
 * @param listeners every listener, judged
 * @param services every enabled service of inetd, xinetd and systemd socket units
 * @param allowPresent whether hosts.allow exists
 * @param denyPresent whether hosts.deny exists
 * @param defaultDeny whether the tables end with a rule that denies everything else
 * @param findings every finding, {@link Finding#ORDER}
 * @param scans with {@code --scan}: one connect scan per own address of the listeners' ports; empty
 *     when no scan ran
 * @param rpc the portmapper's registrations (spec §4.3); empty when no portmapper was asked
 */
public record AuditReport(String root, boolean live, List<String> limitations, List<JudgedListener> listeners,
        List<ConfiguredService> services, boolean allowPresent, boolean denyPresent, boolean defaultDeny,
        List<Finding> findings, List<ScanResult> scans, List<RpcRegistration> rpc) {

    /** Exit status: nothing at or above the threshold. */
    public static final int CLEAN = 0;
    /** Exit status: findings at or above the threshold. */
    public static final int FINDINGS = 1;
    /** Exit status: the audit could not run. */
    public static final int ERROR = 2;

    public AuditReport {
        limitations = List.copyOf(limitations);
        listeners = List.copyOf(listeners);
        services = List.copyOf(services);
        findings = findings.stream().sorted(Finding.ORDER).toList();
        scans = List.copyOf(scans);
        rpc = List.copyOf(rpc);
    }

    /** A report without portmapper registrations. */
    public AuditReport(String root, boolean live, List<String> limitations, List<JudgedListener> listeners,
            List<ConfiguredService> services, boolean allowPresent, boolean denyPresent, boolean defaultDeny,
            List<Finding> findings, List<ScanResult> scans) {
        this(root, live, limitations, listeners, services, allowPresent, denyPresent, defaultDeny, findings, scans,
                List.of());
    }

    /** How many findings of each severity, every severity present (highest first). */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    /** Listeners reachable from beyond this host. */
    public long exposed() {
        return listeners.stream().filter(l -> l.listener().exposure() != dev.jwrap.audit.inventory.Exposure.LOOPBACK).count();
    }

    /**
     * {@link #FINDINGS} when a finding is at least as severe as {@code failOn} ({@code INFO} findings
     * never count), else {@link #CLEAN}.
     */
    public int exitCode(Severity failOn) {
        return findings.stream().anyMatch(f -> f.severity() != Severity.INFO && f.severity().compareTo(failOn) <= 0)
                ? FINDINGS : CLEAN;
    }
}
