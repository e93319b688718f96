package dev.jwrap.audit.harden;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks jwrap's engine, the code {@code jwrap match} runs, what the new tables decide (spec §5.6):
 * an allow rule is added only for networks the tables do not already grant, and every protected
 * pair (a daemon and the first and last address of each network it must stay open to) must be
 * granted by the new tables, or the plan is refused with the rule that would deny. The tables are
 * evaluated from a private temporary directory, removed afterwards. Not thread-safe.
 */
final class LockoutCheck {

    private record Pair(String daemon, ClientNet net) {}

    private final List<Pair> protectedPairs = new ArrayList<>();

    /** {@code allow} with a rule for the networks the tables do not yet grant to {@code daemon}. */
    String addAllow(String allow, String deny, String daemon, List<ClientNet> nets, String reason, LocalDate date) {
        List<String> missing = new ArrayList<>();
        for (ClientNet n : nets) {
            protectedPairs.add(new Pair(daemon, n));
            if (denied(allow, deny, daemon, n) != null && !missing.contains(n.pattern())) {
                missing.add(n.pattern());
            }
        }
        return missing.isEmpty() ? allow : TablesEdit.allow(allow, daemon, missing, reason, date);
    }

    /** Refuses the plan when the new tables deny a protected pair. */
    void verify(String allow, String deny) throws Planner.Refused {
        for (Pair p : protectedPairs) {
            Decision d = denied(allow, deny, p.daemon(), p.net());
            if (d != null) {
                throw new Planner.Refused("would lock out " + p.daemon() + " from " + p.net().pattern() + ": "
                        + d.deciding().map(r -> "denied by " + r + " (" + r.text() + ")").orElse("denied"));
            }
        }
    }

    /** The denying decision for the network's first or last address, or null when both are granted. */
    private static Decision denied(String allow, String deny, String daemon, ClientNet net) {
        try {
            Path dir = Files.createTempDirectory("jwrap-harden-check");
            try {
                Path a = Files.write(dir.resolve("hosts.allow"), allow.getBytes(StandardCharsets.ISO_8859_1));
                Path d = Files.write(dir.resolve("hosts.deny"), deny.getBytes(StandardCharsets.ISO_8859_1));
                AccessPolicy policy = AccessPolicy.load(new TableFile("hosts.allow", a), new TableFile("hosts.deny", d));
                for (var address : List.of(net.first(), net.last())) {
                    Decision decision = policy.decide(AccessRequest.of(daemon, null,
                            dev.jwrap.core.internal.AddressText.format(address), null));
                    if (!decision.isGranted()) {
                        return decision;
                    }
                }
                return null;
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("temporary copy of the tables for the engine", e);
        }
    }
}
