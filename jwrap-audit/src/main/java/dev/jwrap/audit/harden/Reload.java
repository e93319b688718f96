package dev.jwrap.audit.harden;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code jwrap harden --reload} (spec §5.7): sends SIGHUP to the super-servers whose configuration
 * the run changed, then reads the inventory again until the disabled services' sockets are gone
 * (or a deadline passes) and says which closed. It never kills or restarts anything, and leaves the
 * access tables alone: tcpd and libwrap read them at every connection. One per run.
 */
final class Reload {

    /** How long a super-server gets to close the disabled services' sockets. */
    static final long DEADLINE_MILLIS = 5_000;
    private static final long POLL_MILLIS = 50;

    private final HardenLog log;

    Reload(HardenLog log) {
        this.log = log;
    }

    /** Returns {@link Hardener#OK}, or {@link Hardener#ERROR} when a super-server could not be signalled. */
    int run(Path root, Plan plan, SuperServers before) throws IOException {
        boolean inetd = plan.changes().stream().anyMatch(c -> c.path().startsWith("etc/inetd."));
        boolean xinetd = plan.changes().stream().anyMatch(c -> c.path().startsWith("etc/xinetd"));
        Set<Integer> signalled = new TreeSet<>();
        int status = Hardener.OK;
        for (Map.Entry<Integer, String> s : before.names().entrySet()) {
            boolean concerned = s.getValue().equals("xinetd") ? xinetd : inetd;
            if (!concerned) {
                continue;
            }
            if (Signals.hangUp(s.getKey())) {
                signalled.add(s.getKey());
                log.reload("reload: sent SIGHUP to " + s.getValue() + " (pid " + s.getKey() + ")");
            } else {
                log.error("--reload: cannot signal " + s.getValue() + " (pid " + s.getKey() + "): gone or not permitted");
                status = Hardener.ERROR;
            }
        }
        if (signalled.isEmpty()) {
            log.reload("reload: no running super-server reads the changed files: nothing signalled");
            return status;
        }
        Set<String> expected = new TreeSet<>();
        signalled.forEach(pid -> before.sockets().get(pid).stream().filter(sock -> plan.closing().contains(portKey(sock)))
                .forEach(expected::add));
        SuperServers now = awaitClosed(root, signalled, expected);
        Set<String> closed = new TreeSet<>(before.closedIn(now));
        closed.removeIf(sock -> signalled.stream().noneMatch(pid -> before.sockets().get(pid).contains(sock)));
        log.reload(closed.isEmpty() ? "reload: no port closed" : "reload: closed " + String.join(", ", closed));
        Set<String> still = new TreeSet<>(expected);
        still.removeAll(closed);
        if (!still.isEmpty()) {
            log.reload("reload: still listening after " + DEADLINE_MILLIS / 1000 + " s: " + String.join(", ", still));
        }
        return status;
    }

    /** Reads the inventory until no signalled process holds an expected socket, or the deadline. */
    private static SuperServers awaitClosed(Path root, Set<Integer> pids, Set<String> expected) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (true) {
            SuperServers now = SuperServers.read(root);
            boolean open = pids.stream().anyMatch(pid -> now.sockets().getOrDefault(pid, Set.of()).stream().anyMatch(expected::contains));
            if (!open || System.nanoTime() >= deadline) {
                return now;
            }
            try {
                Thread.sleep(POLL_MILLIS); // the pace of the poll, not a synchronisation: the condition above decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    /** {@code tcp 127.0.0.1:23} → {@code tcp/23}. */
    private static String portKey(String socket) {
        return socket.substring(0, socket.indexOf(' ')) + "/" + socket.substring(socket.lastIndexOf(':') + 1);
    }
}
