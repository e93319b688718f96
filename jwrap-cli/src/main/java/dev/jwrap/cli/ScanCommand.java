package dev.jwrap.cli;

import dev.jwrap.audit.config.EtcServices;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.scan.ChannelOpener;
import dev.jwrap.audit.scan.ConnectScanner;
import dev.jwrap.audit.scan.PortList;
import dev.jwrap.audit.scan.ScanPolicy;
import dev.jwrap.audit.scan.ScanResult;
import dev.jwrap.audit.scan.ScanText;
import dev.jwrap.audit.scan.ScanTiming;
import dev.jwrap.audit.scan.UdpProber;
import dev.jwrap.audit.scan.UdpService;
import dev.jwrap.core.SyslogPriority;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.log.UnixSocketSyslog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwrap scan}: which TCP ports of a host accept a connection, like {@code nmap -sT}. */
@Command(
        separator = " ",
        name = "scan",
        description = {
            "A TCP connect scan: one connect() per port, many in flight, with timeouts that follow the measured "
                    + "round trips. A port is open when the connection completes, closed when it is refused, and "
                    + "filtered when nothing answers (after one retry) or an ICMP error does.",
            "",
            "Without a flag only this host may be scanned (localhost, 127.0.0.0/8, ::1 and the addresses of its "
                    + "own interfaces); every address a name resolves to must pass. Scan other hosts only with the "
                    + "authority to do so.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:The scan completed (and with --expect the open ports were exactly the expected ones).",
            "1:With --expect: the open ports differ from the expected ones.",
            "2:Error: bad arguments, a name that does not resolve, a target the safety policy refuses."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class ScanCommand implements Callable<Integer> {

    private final CliContext context;
    private final ChannelOpener opener;

    @Parameters(index = "0", paramLabel = "HOST", description = "The host: a name or an address.")
    String host;

    @Option(names = "-p", paramLabel = "RANGE", description = "Ports: 22, 1-1024, 22,80,8000-8100, or - for all (default: 1-1024).")
    String range = "1-1024";

    @Option(names = "--expect", paramLabel = "PORTS", description = "Exit 1 unless exactly these ports are open.")
    String expect;

    @Option(names = "--udp", description = "Also probe the classic UDP services on their own ports (echo 7, discard 9, "
            + "daytime 13, chargen 19, time 37, ntp 123) with a request each protocol answers: a reply is open, an ICMP "
            + "port unreachable closed, silence after two tries open|filtered. Not part of --expect.")
    boolean udp;

    @Option(names = "--fast", description = "nmap -T5 timing: probe timeouts between 50 and 300 ms (first 250 ms), "
            + "two retries, for another host on a fast network (this host always gets its shorter loopback timeouts).")
    boolean fast;

    @Option(names = "--timeout", paramLabel = "MS", description = "A fixed probe timeout in milliseconds instead of one "
            + "that follows the measured round trips.")
    Integer timeoutMs;

    @Option(names = "--max-rate", paramLabel = "N", description = "At most N new connections per second (default: "
            + "500 for another host, no limit for this one).")
    Integer maxRate;

    @Option(names = "--remote", description = "Allow a target that is not this host.")
    boolean remote;

    @Option(names = "--public", description = "With --remote: allow a public (not private, ULA or link-local) address.")
    boolean publicToo;

    @Option(names = "--seed", paramLabel = "N", hidden = true, description = "Seed of the port order (tests).")
    Long seed;

    /** Where the line about a scan of another host goes: syslog, or a test's recorder. */
    @FunctionalInterface
    interface AuthLog {
        /** The system's: /dev/log, facility auth. */
        AuthLog SYSTEM = () -> new UnixSocketSyslog(UnixSocketSyslog.DEV_LOG, "jwrap", ProcessHandle.current().pid(),
                LOG_AUTH, Clock.systemDefaultZone());

        Syslog open() throws IOException;
    }

    private static final int LOG_AUTH = 4 << 3;
    /** Spec §3.3: new connections per second to another host unless --max-rate says otherwise. */
    private static final int REMOTE_RATE = 500;
    private static final int MAX_TIMEOUT_MS = 60_000;
    private static final int LOG_INFO = 6;

    private final AuthLog authLog;

    ScanCommand(CliContext context) {
        this(context, ChannelOpener.SYSTEM, AuthLog.SYSTEM);
    }

    ScanCommand(CliContext context, ChannelOpener opener) {
        this(context, opener, AuthLog.SYSTEM);
    }

    ScanCommand(CliContext context, ChannelOpener opener, AuthLog authLog) {
        this.context = context;
        this.opener = opener;
        this.authLog = authLog;
    }

    @Override
    public Integer call() {
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)) {
            return fail("--timeout: expected 1 to " + MAX_TIMEOUT_MS + " milliseconds, not " + timeoutMs);
        }
        if (maxRate != null && maxRate < 1) {
            return fail("--max-rate: expected at least 1 connection per second, not " + maxRate);
        }
        PortList ports;
        PortList expected = null;
        try {
            ports = PortList.parse(range);
            if (expect != null) {
                expected = PortList.parse(expect);
            }
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return fail(host + ": cannot resolve");
        }
        ScanPolicy policy = ScanPolicy.forThisHost();
        String refusal = policy.refusal(host, addresses, remote, publicToo);
        if (refusal != null) {
            return fail(refusal);
        }
        if (remote) {
            context.err().println("jwrap scan: scanning " + host + ": make sure you have the authority to");
        }
        if (policy.refusal(host, addresses, false, false) != null) {
            logRemoteScan(addresses);
        }
        InetAddress target = addresses.getFirst();
        // an own address is reached over the loopback interface too: it answers as fast
        boolean local = target.isLoopbackAddress() || policy.ownAddresses().contains(target);
        ScanTiming timing = local ? ScanTiming.LOOPBACK : fast ? ScanTiming.FAST : ScanTiming.DEFAULT;
        if (timeoutMs != null) {
            timing = timing.fixedTimeout(timeoutMs);
        }
        ScanResult result;
        try {
            ConnectScanner scanner = new ConnectScanner(opener, timing, seed == null ? new Random() : new Random(seed));
            if (maxRate != null || !local) {
                scanner.maxRate(maxRate != null ? maxRate : REMOTE_RATE);
            }
            result = scanner.scan(target, ports);
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        ScanText text = new ScanText(EtcServices.read(Path.of("/")), KnowledgeBase.builtIn());
        context.out().print(text.render(host, result));
        if (udp) {
            try {
                java.time.Duration wait = local ? UdpProber.LOOPBACK_WAIT : UdpProber.REMOTE_WAIT;
                context.out().print(text.renderUdp(new UdpProber(wait, 2).probe(target, List.of(UdpService.values()))));
            } catch (IOException e) {
                return fail("udp probes: " + e.getMessage());
            }
        }
        int status = 0;
        if (expected != null) {
            Set<Integer> want = new HashSet<>();
            for (int p : expected.toArray()) {
                want.add(p);
            }
            Set<Integer> got = new HashSet<>(result.open());
            Set<Integer> unexpected = new java.util.TreeSet<>(got);
            unexpected.removeAll(want);
            Set<Integer> missing = new java.util.TreeSet<>(want);
            missing.removeAll(got);
            if (!unexpected.isEmpty()) {
                context.out().println("unexpected open: " + join(unexpected));
            }
            if (!missing.isEmpty()) {
                context.out().println("expected but not open: " + join(missing));
            }
            status = unexpected.isEmpty() && missing.isEmpty() ? 0 : 1;
        }
        context.out().flush();
        return status;
    }

    /** Spec §3.3: every scan of another host leaves one line in the auth log, so it is on record who scanned what. */
    private void logRemoteScan(List<InetAddress> addresses) {
        String uid;
        try {
            uid = String.valueOf(java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            uid = "unknown";
        }
        String targets = String.join(",", addresses.stream().map(dev.jwrap.core.internal.AddressText::format).toList());
        Syslog log;
        try {
            log = authLog.open();
        } catch (IOException e) {
            context.err().println("jwrap scan: cannot record the scan in syslog (" + e.getMessage() + ")");
            return;
        }
        log.log(new SyslogPriority(LOG_AUTH, LOG_INFO), "jwrap scan by uid " + uid + ": targets " + targets
                + " ports " + range + (udp ? " and the UDP built-ins" : ""));
        if (log instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the line is sent; nothing to do about a failed close
            }
        }
    }

    private static String join(Set<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    private int fail(String message) {
        context.err().println("jwrap scan: " + message);
        context.err().flush();
        return 2;
    }
}
