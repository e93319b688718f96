package dev.jwrap.core.check;

import dev.jwrap.core.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what tcpdchk reports into findings with a code and a severity, so that one list (and one
 * exit status) covers both tcpdchk's checks and jwrap's analysis. A message in parentheses that
 * continues the previous one ({@code (official name: ...)}) is joined to it.
 *
 * <p>Severities are jwrap's judgement: what stops a rule from working is an error; what works but
 * is suspect is a warning; facts that are often intended are notes (a missing reverse name for an
 * address; a daemon not in inetd.conf when there is no inetd.conf at all).
 */
public final class DiagnosticClassifier {

    private DiagnosticClassifier() {}

    /**
     * @param haveInetConf whether an inetd.conf was read (otherwise "no such process name" only
     *     says that inetd is not in use)
     */
    public static List<Finding> classify(List<Diagnostic> diagnostics, boolean haveInetConf) {
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Diagnostic.Severity.DEBUG) {
                continue;
            }
            String m = d.message();
            if (m.startsWith("(") && !out.isEmpty()) {
                Finding last = out.removeLast();
                out.add(new Finding(last.severity(), last.code(), last.file(), last.line(), last.message() + " " + m));
                continue;
            }
            if (m.equals("missing newline or line too long")) {
                continue; // jwrap's own finding says it at the right line, with the consequence
            }
            Finding f = d.severity() == Diagnostic.Severity.ERROR
                    ? new Finding(Finding.Severity.ERROR, FindingCode.OPTION_ERROR, d.file(), d.line(), m + ": access is denied")
                    : warning(d, m, haveInetConf);
            out.add(f);
        }
        return out;
    }

    private static Finding warning(Diagnostic d, String m, boolean haveInetConf) {
        Finding.Severity w = Finding.Severity.WARNING;
        Finding.Severity note = Finding.Severity.NOTE;
        Finding.Severity error = Finding.Severity.ERROR;
        if (m.endsWith(": host not found")) {
            return of(d, w, FindingCode.UNRESOLVABLE_NAME, m);
        }
        if (m.startsWith("host address ") && m.endsWith("->name lookup failed")) {
            return of(d, note, FindingCode.NO_REVERSE_NAME, m);
        }
        if (m.endsWith(": hostname alias")) {
            return of(d, w, FindingCode.HOSTNAME_ALIAS, m);
        }
        if (m.startsWith("host name/") || m.startsWith("can't verify hostname")) {
            return of(d, w, FindingCode.DNS_MISMATCH, m);
        }
        if (m.endsWith(" has more than one address")) {
            return of(d, w, FindingCode.MULTI_ADDRESS_HOST, m);
        }
        if (m.endsWith(": bad net/mask pattern")) {
            return of(d, w, FindingCode.BAD_NETMASK, m);
        }
        if (m.equals("implicit \"allow\" at end of rule")) {
            return of(d, w, FindingCode.IMPLICIT_ALLOW, m);
        }
        if (m.equals("missing \":\" separator")) {
            return of(d, error, FindingCode.MISSING_SEPARATOR, m + ": tcpd skips the line");
        }
        if (m.endsWith(" list is empty or ends in EXCEPT")) {
            return of(d, w, FindingCode.EMPTY_LIST, m);
        }
        if (m.contains(": no such process name in ")) {
            return of(d, haveInetConf ? w : note, FindingCode.UNKNOWN_DAEMON, m);
        }
        if (m.endsWith(": service possibly not wrapped")) {
            return of(d, w, FindingCode.UNWRAPPED_SERVICE, m);
        }
        if (m.contains(": daemon name ") || m.contains(": user name ")) {
            return of(d, w, FindingCode.SUSPICIOUS_NAME, m);
        }
        if (m.equals("FAIL is no longer recognized")) {
            return of(d, w, FindingCode.OBSOLETE_FAIL, m);
        }
        if (m.endsWith(": unknown or empty netgroup")) {
            return of(d, w, FindingCode.UNKNOWN_NETGROUP, m);
        }
        if (m.endsWith(": domain or host name ends in dot")) {
            return of(d, w, FindingCode.TRAILING_DOT, m);
        }
        if (m.endsWith(": network number begins with dot")) {
            return of(d, w, FindingCode.LEADING_DOT, m);
        }
        if (m.endsWith(": world writable")) {
            return of(d, w, FindingCode.WORLD_WRITABLE, m);
        }
        if (m.startsWith("cannot open ")) {
            return of(d, error, FindingCode.UNREADABLE_TABLE, m);
        }
        if (m.startsWith("unrecognized %") || m.startsWith("percent_x:")) {
            return of(d, w, FindingCode.BAD_EXPANSION, m);
        }
        if (isInetdEntryMessage(m)) {
            return of(d, w, FindingCode.INETD_ENTRY, m);
        }
        return of(d, w, FindingCode.TCPDCHK, m);
    }

    private static boolean isInetdEntryMessage(String m) {
        return m.contains(": not found") || m.endsWith(": not executable") || m.contains(" inserted before ")
                || m.endsWith(" is recursively calling itself") || m.endsWith(" may be an insecure service")
                || m.endsWith(": cannot wrap rpc/tcp services") || m.equals("incomplete line")
                || m.endsWith(": file is set-uid or set-gid") || m.contains(": file lookup: ")
                || m.startsWith("REAL_DAEMON_DIR ");
    }

    private static Finding of(Diagnostic d, Finding.Severity severity, FindingCode code, String message) {
        return new Finding(severity, code, d.file(), d.line(), message);
    }
}
