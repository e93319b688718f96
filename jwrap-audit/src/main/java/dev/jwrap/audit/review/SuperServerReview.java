package dev.jwrap.audit.review;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.Transport;
import dev.jwrap.audit.kb.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares inetd.conf with what runs (spec §4.1, Lynis INSE-8006): enabled entries while no inetd
 * runs ({@code INETD-STALE}), an inetd with nothing enabled ({@code INETD-IDLE}), and an enabled
 * entry with no listener on its port ({@code INETD-NOT-LISTENING}: inetd not reloaded, or the bind
 * failed), and the first two for xinetd too. Needs the tree's /proc; without it nothing is said.
 */
final class SuperServerReview {

    /**
     * @param xinetdConfPresent whether the tree has an xinetd.conf: then the same stale and idle
     *     checks are made for xinetd ({@code XINETD-STALE}, {@code XINETD-IDLE})
     */
    void review(Path proc, boolean inetdConfPresent, boolean xinetdConfPresent, List<ConfiguredService> configured,
            List<Listener> listeners, Findings findings) {
        if (xinetdConfPresent) {
            xinetd(proc, configured, findings);
        }
        List<ConfiguredService> inetd = configured.stream().filter(c -> c.kind().equals("inetd")).toList();
        boolean running = running(proc, "inetd");
        if (!running && !inetd.isEmpty()) {
            findings.plain("INETD-STALE", Severity.INFO, inetd.size() + " service(s) enabled in inetd.conf, but no inetd runs",
                    inetd.getFirst().file(), 0, "they start again whenever inetd does (a package update, a reboot)",
                    "jwrap harden, or remove the entries");
        }
        if (running && inetd.isEmpty() && inetdConfPresent) {
            findings.plain("INETD-IDLE", Severity.LOW, "inetd runs with no service enabled", "/etc/inetd.conf", 0,
                    "a super-server with nothing to serve is attack surface for nothing",
                    "systemctl disable --now inetd   # OpenBSD: inetd=NO in rc.conf");
        }
        if (!running) {
            return;
        }
        for (ConfiguredService c : inetd) {
            Transport t = c.transport().equals("udp") ? Transport.UDP : Transport.TCP;
            boolean listening = listeners.stream().anyMatch(l -> l.transport() == t && l.port() == c.port());
            if (c.port() > 0 && !listening) {
                findings.plain("INETD-NOT-LISTENING", Severity.INFO, c.name() + " (" + c.file() + ":" + c.line()
                        + ") is enabled but nothing listens on " + c.port() + "/" + c.transport(), c.file(), c.line(),
                        "inetd was not reloaded since the line was added, or could not bind the port",
                        "kill -HUP $(cat /run/inetd.pid), then look at inetd's log");
            }
        }
    }

    private static void xinetd(Path proc, List<ConfiguredService> configured, Findings findings) {
        List<ConfiguredService> xinetd = configured.stream().filter(c -> c.kind().equals("xinetd")).toList();
        boolean running = running(proc, "xinetd");
        if (!running && !xinetd.isEmpty()) {
            findings.plain("XINETD-STALE", Severity.INFO, xinetd.size() + " service(s) enabled for xinetd, but no xinetd runs",
                    xinetd.getFirst().file(), 0, "they start again whenever xinetd does (a package update, a reboot)",
                    "jwrap harden, or set disable = yes in their blocks");
        }
        if (running && xinetd.isEmpty()) {
            findings.plain("XINETD-IDLE", Severity.LOW, "xinetd runs with no service enabled", "/etc/xinetd.conf", 0,
                    "a super-server with nothing to serve is attack surface for nothing",
                    "systemctl disable --now xinetd");
        }
    }

    /** Whether a process of that name shows in {@code proc} (its comm). */
    private static boolean running(Path proc, String comm) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                try {
                    if (Files.readString(pid.resolve("comm"), StandardCharsets.ISO_8859_1).strip().equals(comm)) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // ended while we looked
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
