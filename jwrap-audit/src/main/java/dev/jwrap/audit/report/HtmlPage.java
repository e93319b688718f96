package dev.jwrap.audit.report;

import dev.jwrap.audit.harden.HardenResult;
import dev.jwrap.audit.inventory.Exposure;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.Finding;
import dev.jwrap.audit.review.JudgedListener;
import dev.jwrap.audit.scan.ScanResult;
import dev.jwrap.core.internal.AddressText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the HTML template shows, worked out from an {@link AuditReport}: plain strings and numbers, so
 * the template only lays them out (and jte escapes every one of them). Immutable.
 *
 * @param host the audited root and whether it is this host
 * @param generated the generation time, null when left out
 * @param version jwrap's version
 * @param exitCode the exit status the command returns
 * @param tiles one per severity, highest first
 * @param listenerCount every listener
 * @param exposed listeners reachable from beyond this host
 * @param loopback loopback-only listeners
 * @param services every enabled configured service
 * @param access the access tables' posture
 * @param cards the findings, grouped by the service (or file) they concern
 * @param limitations what the audit could not see
 * @param scans one row per scanned address; empty without {@code --scan}
 * @param tables hosts.allow and hosts.deny line by line, dead rules marked
 * @param preview what {@code jwrap harden --dry-run} would change, or null when not asked for
 * @param json the JSON report, made safe to sit inside a {@code <script>} element
 */
record HtmlPage(String host, String generated, String version, int exitCode, List<Tile> tiles, int listenerCount,
        List<ListenerRow> exposed, List<ListenerRow> loopback, List<ServiceRow> services, Access access,
        List<Card> cards, List<String> limitations, List<ScanRow> scans, List<AccessListing.Table> tables,
        HardenPreview preview, String json) {

    /** A severity and how many findings have it. */
    record Tile(String severity, int count) {}

    /** One listener as a table row. */
    record ListenerRow(String id, String proto, String address, int port, String service, String program, String via,
            String severity) {}

    /** One configured service as a table row. */
    record ServiceRow(String kind, String name, String port, String server, boolean wrapped, String location) {}

    /** hosts.allow and hosts.deny. */
    record Access(boolean allowPresent, boolean denyPresent, boolean defaultDeny) {}

    /** The findings about one subject. */
    record Card(String subject, String severity, List<Item> findings) {}

    /** One finding inside a card. */
    record Item(String id, String severity, String check, String title, String location, String why,
            String recommendation, String fix, String refs) {}

    /** One scanned address. */
    record ScanRow(String target, String ports, long millis, String open, String filtered, int closed,
            String unlisted) {}

    static HtmlPage of(AuditReport r, String version, String generated, int exitCode, HardenResult preview, String json) {
        List<Tile> tiles = new ArrayList<>();
        r.counts().forEach((s, n) -> tiles.add(new Tile(s.word(), n)));
        List<ListenerRow> exposed = new ArrayList<>();
        List<ListenerRow> loopback = new ArrayList<>();
        for (JudgedListener j : r.listeners()) {
            ListenerRow row = row(j, r.findings());
            (j.listener().exposure() == Exposure.LOOPBACK ? loopback : exposed).add(row);
        }
        List<ServiceRow> services = r.services().stream()
                .map(s -> new ServiceRow(s.kind(), s.name(), (s.port() < 0 ? "?" : Integer.toString(s.port())) + "/" + s.transport(),
                        s.server(), s.wrapped(), s.file() + ":" + s.line()))
                .toList();
        String host = r.root() + (r.live() ? " (this host)" : " (directory tree)");
        return new HtmlPage(host, generated, version, exitCode, tiles, r.listeners().size(), exposed, loopback, services,
                new Access(r.allowPresent(), r.denyPresent(), r.defaultDeny()), cards(r.findings()), r.limitations(),
                scans(r), AccessListing.read(java.nio.file.Path.of(r.root())), preview == null ? null : HardenPreview.of(preview),
                scriptSafe(json));
    }

    private static ListenerRow row(JudgedListener j, List<Finding> findings) {
        Listener l = j.listener();
        String program = l.owner() == null
                ? "owner unknown (" + (l.ownerUnknown().equals("permission") ? "permission denied" : "not found") + "), uid "
                        + l.socket().uid()
                : l.owner().comm() + " (pid " + l.owner().pid() + ")" + (l.holders().size() > 1 ? ", " + l.holders().size() + " holders" : "");
        String via = j.via() == null ? "" : j.via() + (j.config() == null ? "" : ": " + j.config().name());
        String address = l.addressText() + (l.socket().mapped() ? " (IPv4-mapped)" : "");
        return new ListenerRow(j.id(), l.transport().word(), address, l.port(), j.serviceName() == null ? "" : j.serviceName(),
                program, via, severityOf(j, findings));
    }

    /** The worst finding about the listener's service, else its knowledge-base severity, else none. */
    private static String severityOf(JudgedListener j, List<Finding> findings) {
        String name = j.config() != null ? j.config().name() : j.serviceName();
        return findings.stream()
                .filter(f -> name != null && name.equals(f.service()))
                .map(Finding::severity)
                .min(Severity::compareTo)
                .or(() -> java.util.Optional.ofNullable(j.kb()).map(kb -> kb.severity()))
                .map(Severity::word)
                .orElse("none");
    }

    private static List<Card> cards(List<Finding> findings) {
        Map<String, List<Item>> bySubject = new LinkedHashMap<>();
        Map<String, Severity> worst = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String subject = f.service() != null ? f.service() : f.file() != null ? f.file() : "this host";
            // several checks word their reason as their title: say it once
            String why = f.why() == null || f.why().equals(f.title()) ? "" : f.why();
            bySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(new Item("F" + (i + 1), f.severity().word(),
                    f.check(), f.title(), f.location() == null ? "" : f.location(), why,
                    f.recommendation() == null ? "" : f.recommendation(), f.fix() == null ? "" : f.fix(),
                    String.join(", ", f.refs())));
            worst.merge(subject, f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<Card> cards = new ArrayList<>();
        bySubject.forEach((subject, items) -> cards.add(new Card(subject, worst.get(subject).word(), items)));
        return cards;
    }

    private static List<ScanRow> scans(AuditReport r) {
        Set<Integer> listening = r.listeners().stream().map(j -> j.listener().port()).collect(Collectors.toSet());
        List<ScanRow> rows = new ArrayList<>();
        for (ScanResult s : r.scans()) {
            Set<Integer> unlisted = new TreeSet<>(s.open());
            unlisted.removeAll(listening);
            rows.add(new ScanRow(AddressText.format(s.target()), s.ports().toString(), s.nanos() / 1_000_000,
                    join(s.open()), s.filtered().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", ")),
                    s.closed(), join(unlisted)));
        }
        return rows;
    }

    private static String join(java.util.Collection<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * JSON can hold {@code </script>} inside a string (a command line, a file name); writing every
     * {@code <} as {@code \u003c} keeps the element closed where the template closes it and the JSON
     * equal to the original once parsed ({@code <} can only occur inside JSON strings).
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c");
    }
}
