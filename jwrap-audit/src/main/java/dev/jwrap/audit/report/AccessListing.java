package dev.jwrap.audit.report;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.check.Finding;
import dev.jwrap.core.check.FindingCode;
import dev.jwrap.core.check.PolicyAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * hosts.allow and hosts.deny as the HTML report lists them (spec §6.3 item 4): every line with its
 * number, the lines that can never decide anything (shadowed by an earlier rule, never matching,
 * after a line that stops tcpd, a last line without newline) marked dead with the reason, and every
 * other finding of {@code jwrap check}'s analysis next to its line. Stateless.
 */
final class AccessListing {

    /** Findings that mean tcpd never decides anything by the line. */
    private static final Set<FindingCode> DEAD = EnumSet.of(FindingCode.SHADOWED_RULE, FindingCode.NEVER_MATCHES,
            FindingCode.NETMASK_HOST_BITS, FindingCode.AFTER_FATAL_LINE, FindingCode.MISSING_FINAL_NEWLINE);

    private AccessListing() {}

    /**
     * One table file: its lines, or none when it is missing or unreadable (said in {@code problem}).
     *
     * @param rules how many rules the engine reads from it
     */
    record Table(String file, String problem, List<Line> lines, int rules) {}

    /** One physical line; {@code dead} lines carry the reason in {@code note}. */
    record Line(int number, String text, boolean dead, String note) {}

    /** The two tables of the tree under {@code root}, hosts.allow first. */
    static List<Table> read(Path root) {
        byte[] allow = bytes(root.resolve("etc/hosts.allow"));
        byte[] deny = bytes(root.resolve("etc/hosts.deny"));
        List<Finding> findings = new PolicyAnalyzer().analyze("hosts.allow", allow == null ? new byte[0] : allow,
                "hosts.deny", deny == null ? new byte[0] : deny);
        AccessPolicy policy = AccessPolicy.load(new TableFile("hosts.allow", root.resolve("etc/hosts.allow")),
                new TableFile("hosts.deny", root.resolve("etc/hosts.deny")));
        return List.of(table("hosts.allow", root.resolve("etc/hosts.allow"), allow, findings, policy.allowTable().rules().size()),
                table("hosts.deny", root.resolve("etc/hosts.deny"), deny, findings, policy.denyTable().rules().size()));
    }

    private static Table table(String name, Path path, byte[] content, List<Finding> findings, int rules) {
        if (content == null) {
            return new Table("/etc/" + name, Files.exists(path) ? "cannot be read" : "missing", List.of(), 0);
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String[] physical = text.split("\n", -1);
        int count = text.isEmpty() || text.endsWith("\n") ? physical.length - 1 : physical.length;
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int number = i + 1;
            List<Finding> here = findings.stream().filter(f -> name.equals(f.file()) && f.line() == number).toList();
            boolean dead = here.stream().anyMatch(f -> DEAD.contains(f.code()));
            String note = String.join("; ", here.stream().map(f -> f.message() + " [" + f.code().id() + "]").toList());
            lines.add(new Line(number, physical[i].replace("\r", ""), dead, note));
        }
        return new Table("/etc/" + name, null, lines, rules);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // missing or unreadable: the table says which
        }
    }
}
