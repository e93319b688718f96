package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.Severity;
import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.check.FindingCode;
import dev.jwrap.core.check.PolicyAnalyzer;
import dev.jwrap.core.policy.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The posture of hosts.allow and hosts.deny (spec §4.2), from the analysis {@code jwrap check}
 * runs (jwrap-core's {@link PolicyAnalyzer}: no second parser), plus what only an audit of a whole
 * tree can see: a missing table and loose ownership or permissions.
 */
final class AccessReview {

    /** Core analysis codes that have their own audit check id; the rest become {@code TW-<code>}. */
    private static final Map<FindingCode, String> CHECK_IDS = Map.of(
            FindingCode.NO_DEFAULT_DENY, "TW-NO-DEFAULT-DENY",
            FindingCode.BROAD_ALLOW, "TW-ALLOW-ALL",
            FindingCode.SHADOWED_RULE, "TW-SHADOWED",
            FindingCode.COMMENT_CONTINUATION, "TW-CONTINUATION-COMMENT");

    private final boolean checkOwner;

    /** @param checkOwner whether a table owned by someone other than root is a finding (not for trees a user prepared) */
    AccessReview(boolean checkOwner) {
        this.checkOwner = checkOwner;
    }

    /** What the audit learnt about the tables, and the tables as the engine compiled them. */
    record Posture(boolean allowPresent, boolean denyPresent, boolean defaultDeny, Table allow, Table deny) {}

    /**
     * Reviews the tables under {@code root}.
     *
     * @param riskyWrapped whether a risky service that tcpd guards is enabled (a missing default deny
     *     is then high, not medium)
     */
    Posture review(Path root, boolean riskyWrapped, Findings findings) {
        TableFile allow = new TableFile("/etc/hosts.allow", root.resolve("etc/hosts.allow"));
        TableFile deny = new TableFile("/etc/hosts.deny", root.resolve("etc/hosts.deny"));
        boolean allowPresent = present(allow, findings);
        boolean denyPresent = present(deny, findings);
        boolean defaultDeny = true;
        for (dev.jwrap.core.check.Finding f : new PolicyAnalyzer().analyze(allow, deny)) {
            if (f.code() == FindingCode.NO_DEFAULT_DENY) {
                defaultDeny = false;
            }
            findings.add(deadDeny(f, allow, deny) ? dead(f) : translate(f, riskyWrapped));
        }
        perms(allow, findings);
        perms(deny, findings);
        AccessPolicy policy = AccessPolicy.load(allow, deny);
        new TableRulesReview().review(List.of(policy.allowTable(), policy.denyTable()), findings);
        return new Posture(allowPresent, denyPresent, defaultDeny, policy.allowTable(), policy.denyTable());
    }

    /** A deny rule that hosts.allow shadows: every request it matches is granted before it is read. */
    private static boolean deadDeny(dev.jwrap.core.check.Finding f, TableFile allow, TableFile deny) {
        return f.code() == FindingCode.SHADOWED_RULE && deny.name().equals(f.file())
                && f.message().contains(allow.name() + " line ");
    }

    private static Finding dead(dev.jwrap.core.check.Finding f) {
        return new Finding("TW-DEAD-DENY", Severity.LOW, f.message(), f.file(), f.line(), null,
                "hosts.allow already grants every request this deny rule matches", "review",
                "remove the rule, or narrow the allow rule if the deny was meant", List.of("check:" + f.code().id()));
    }

    private static Finding translate(dev.jwrap.core.check.Finding f, boolean riskyWrapped) {
        String check = CHECK_IDS.getOrDefault(f.code(), "TW-" + f.code().id().toUpperCase(Locale.ROOT));
        Severity severity = switch (f.code()) {
            case NO_DEFAULT_DENY -> riskyWrapped ? Severity.HIGH : Severity.MEDIUM;
            case BROAD_ALLOW -> Severity.HIGH;
            case SHADOWED_RULE, COMMENT_CONTINUATION -> Severity.MEDIUM;
            default -> switch (f.severity()) {
                case ERROR -> Severity.MEDIUM;
                case WARNING -> Severity.LOW;
                case NOTE -> Severity.INFO;
            };
        };
        String fix = f.code() == FindingCode.NO_DEFAULT_DENY ? "jwrap harden (adds ALL: ALL to hosts.deny)" : "edit the rule";
        return new Finding(check, severity, f.message(), f.file(), f.line(), null, f.message(), "review", fix,
                List.of("check:" + f.code().id()));
    }

    private static boolean present(TableFile t, Findings findings) {
        if (Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        findings.plain("TW-MISSING", Severity.INFO, t.name() + " does not exist", t.name(), 0,
                "tcpd treats a missing table as empty; benchmarks (CIS 3.4.2) expect both files", "create it");
        return false;
    }

    private void perms(TableFile t, Findings findings) {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(t.path(), PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | UnsupportedOperationException e) {
            findings.plain("TW-UNREADABLE", Severity.MEDIUM, t.name() + ": cannot read its attributes: " + e.getMessage(),
                    t.name(), 0, "an unreadable table cannot be judged", "check the file");
            return;
        }
        Set<PosixFilePermission> p = a.permissions();
        boolean loose = p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
        String owner = a.owner().getName();
        if (loose || checkOwner && !owner.equals("root")) {
            findings.plain("TW-PERMS", Severity.MEDIUM, t.name() + " is owned by " + owner + " with mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(p) + ": others can change who gets in",
                    t.name(), 0, "whoever can write the table decides who may connect",
                    "chown root:root " + t.name() + " && chmod 0644 " + t.name());
        }
    }
}
