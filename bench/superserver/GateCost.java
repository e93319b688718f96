import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.access.Arrival;
import dev.jwrap.host.access.ConnectionEvent;
import dev.jwrap.host.access.ConnectionGate;
import dev.jwrap.host.access.LogStyle;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.log.UnixSocketSyslog;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What jwrap inetd's access check costs one connection, without the connection: the
 * ConnectionGate the server calls (request, decision with the host's hosts.allow/deny, event),
 * with the verdict's syslog line to LOG (default /dev/log; absent here, as in the harness) or
 * to nowhere. Prints process CPU time and wall time per check, after a warm-up.
 * Run by bench/superserver/gate-cost.sh.
 */
public class GateCost {
    public static void main(String[] args) throws Exception {
        AccessPolicy policy = AccessPolicy.loadSystem();
        Path logPath = Path.of(System.getenv().getOrDefault("LOG", "/dev/log"));
        InetSocketAddress client = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 40000);
        InetSocketAddress server = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 19101);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "100000"));
        try (UnixSocketSyslog syslog = new UnixSocketSyslog(logPath, "inetd", ProcessHandle.current().pid(),
                SyslogPriority.LOG_DAEMON, Clock.systemDefaultZone())) {
            for (String mode : new String[] {"no log line", "line to " + logPath}) {
                Syslog log = mode.startsWith("no") ? (priority, message) -> { } : syslog;
                ConnectionGate gate = ConnectionGate.builder("inetd", () -> policy, LookupServices.OFFLINE).log(log)
                        .build();
                for (int round = 0; round <= rounds; round++) {
                    long cpu0 = os.getProcessCpuTime();
                    long wall0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        gate.decide(new Arrival("19101/tcp", ConnectionEvent.Transport.TCP, client, server)
                                .checkedAs("cat", LogStyle.tcpd()), OptionEffects.DRY_RUN);
                    }
                    if (round > 0) { // round 0 warms up
                        System.out.printf("%-22s cpu %6d ns/check  wall %6d ns/check%n", mode,
                                (os.getProcessCpuTime() - cpu0) / n, (System.nanoTime() - wall0) / n);
                    }
                }
            }
        }
    }
}
