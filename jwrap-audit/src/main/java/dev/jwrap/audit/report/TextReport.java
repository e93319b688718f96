package dev.jwrap.audit.report;

import dev.jwrap.audit.inventory.Exposure;
import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.kb.Severity;
import dev.jwrap.audit.review.AuditReport;
import dev.jwrap.audit.review.ConfiguredService;
import dev.jwrap.audit.review.Finding;
import dev.jwrap.audit.review.JudgedListener;
import dev.jwrap.audit.scan.ScanResult;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Renders an {@link AuditReport} for a terminal (spec §6.1): header and limitations, exposed
 * listeners, loopback-only listeners, configured services, access tables, findings (each with a
 * {@code fix:} line) and a summary line. Every listener line holds its port and its pid (or why the
 * pid is unknown). ANSI colour only when asked for (the caller decides: a tty and no NO_COLOR).
 * Stateless.
 */
public final class TextReport {

    private static final String RESET = "\u001b[0m";
    private static final Map<Severity, String> COLOURS = Map.of(
            Severity.HIGH, "\u001b[1;31m", Severity.MEDIUM, "\u001b[33m", Severity.LOW, "\u001b[36m", Severity.INFO, "\u001b[2m");

    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    public String render(AuditReport r, int exitCode) {
        StringBuilder out = new StringBuilder();
        out.append("jwrap audit of ").append(r.root()).append(r.live() ? " (this host)" : " (directory tree)").append('\n');
        for (String l : r.limitations()) {
            out.append("  note: ").append(l).append('\n');
        }
        listeners(out, "Exposed", r.listeners().stream().filter(j -> j.listener().exposure() != Exposure.LOOPBACK).toList());
        listeners(out, "Loopback only", r.listeners().stream().filter(j -> j.listener().exposure() == Exposure.LOOPBACK).toList());
        out.append("\nConfigured services\n");
        if (r.services().isEmpty()) {
            out.append("  none enabled\n");
        }
        for (ConfiguredService s : r.services()) {
            out.append(String.format("  %-8s %-16s %s/%s  %s%s  (%s:%d)%n", s.kind(), s.name(),
                    s.port() < 0 ? "?" : Integer.toString(s.port()), s.transport(), s.server(),
                    s.wrapped() ? " [tcpd]" : "", s.file(), s.line()));
        }
        out.append("\nAccess tables\n");
        out.append("  hosts.allow: ").append(r.allowPresent() ? "present" : "missing")
                .append(", hosts.deny: ").append(r.denyPresent() ? "present" : "missing")
                .append(", default deny: ").append(r.defaultDeny() ? "yes" : "no").append('\n');
        if (!r.rpc().isEmpty()) {
            out.append("\nRPC programs (from the portmapper)\n");
            for (dev.jwrap.audit.review.RpcRegistration p : r.rpc()) {
                out.append(String.format("  %-8d v%-3d %-4s %-6d %s%n", p.mapping().program(), p.mapping().version(),
                        p.mapping().transport(), p.mapping().port(), p.name() == null ? "-" : p.name()));
            }
        }
        if (!r.scans().isEmpty()) {
            out.append("\nScan (connects to this host's own addresses)\n");
            for (ScanResult s : r.scans()) {
                out.append("  ").append(dev.jwrap.core.internal.AddressText.format(s.target())).append(": open ")
                        .append(s.open().isEmpty() ? "none" : s.open().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                        .append(s.filtered().isEmpty() ? "" : "; filtered " + s.filtered().keySet())
                        .append(s.closed() == 0 ? "" : "; closed " + s.closed()).append('\n');
            }
        }
        out.append("\nFindings\n");
        if (r.findings().isEmpty()) {
            out.append("  none\n");
        }
        for (Finding f : r.findings()) {
            out.append("  ").append(paint(f.severity(), String.format("%-6s", f.severity().word().toUpperCase(java.util.Locale.ROOT))))
                    .append(' ').append(f.check()).append("  ").append(f.title()).append('\n');
            if (f.location() != null && !f.title().contains(f.location())) {
                out.append("         at ").append(f.location()).append('\n');
            }
            out.append("         fix: ").append(f.fix()).append('\n');
        }
        StringJoiner counts = new StringJoiner(", ");
        r.counts().forEach((s, n) -> counts.add(n + " " + s.word()));
        out.append("\nfindings: ").append(counts).append(" \u2014 exit ").append(exitCode).append('\n');
        return out.toString();
    }

    private static void listeners(StringBuilder out, String heading, List<JudgedListener> list) {
        out.append('\n').append(heading).append('\n');
        if (list.isEmpty()) {
            out.append("  none\n");
        }
        for (JudgedListener j : list) {
            Listener l = j.listener();
            String owner = l.owner() == null
                    ? "owner unknown (" + (l.ownerUnknown().equals("permission") ? "permission denied" : "not found")
                            + "), uid " + l.socket().uid()
                    : l.owner().comm() + "(pid " + l.owner().pid() + ")" + (l.holders().size() > 1 ? " holders " + l.holders().size() : "");
            String mapped = l.socket().mapped() ? " (tcp6 socket, IPv4-mapped)" : "";
            out.append(String.format("  %-4s %-28s %-12s %s%s%s%n", l.transport().word(), l.addressText() + ":" + l.port() + mapped,
                    j.serviceName() == null ? "-" : j.serviceName(), owner,
                    j.via() == null ? "" : " [via " + j.via() + (j.config() != null ? ": " + j.config().name() : "") + "]",
                    l.owner() != null && l.owner().titleRewritten() ? " (title rewritten; exe " + l.owner().exe() + ")" : ""));
        }
    }

    private String paint(Severity s, String text) {
        return colour ? COLOURS.get(s) + text + RESET : text;
    }
}
