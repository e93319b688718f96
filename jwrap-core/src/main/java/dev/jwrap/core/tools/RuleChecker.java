package dev.jwrap.core.tools;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.syntax.Fields;
import java.util.List;

/**
 * tcpdchk's criticism of a rule's daemon and client lists (spec §8.2): every token after
 * {@code EXCEPT} handling, {@code daemon@host} and {@code user@host} split at the first
 * {@code @} after the first character, names compared with inetd.conf.
 *
 * <p>tcpdchk splits the lists itself, at blank, tab, comma and newline — not at CR as the access
 * control code does — so a CRLF file shows tokens with a trailing CR here, as in the C tool.
 *
 * <p>Not thread-safe: one per tool run.
 */
final class RuleChecker {

    /** tcpdchk's list separators: no CR. */
    static final String SEPARATORS = ", \t\n";

    private final ToolContext context;
    private final HostChecker hosts;
    private final ServiceRegistry services;
    private final String inetdName;

    RuleChecker(ToolContext context, HostChecker hosts, ServiceRegistry services, String inetdName) {
        this.context = context;
        this.hosts = hosts;
        this.services = services;
        this.inetdName = inetdName;
    }

    /** The tokens tcpdchk prints and checks. */
    static List<String> tokens(String list) {
        return Fields.tokens(list, SEPARATORS);
    }

    void checkDaemonList(String list) {
        int daemons = 0;
        for (String token : tokens(list)) {
            if (Ascii.equalsIgnoreCase(token, "EXCEPT")) {
                daemons = 0;
                continue;
            }
            daemons++;
            int at = Fields.splitIndex(token, 1, '@');
            if (at >= 0) {
                String host = token.substring(at + 1);
                if (hosts.check(host) > 1) {
                    context.warn("host " + host + " has more than one address");
                    context.warn("(consider using an address instead)");
                }
            }
            checkDaemon(at < 0 ? token : token.substring(0, at));
        }
        if (daemons == 0) {
            context.warn("daemon list is empty or ends in EXCEPT");
        }
    }

    void checkClientList(String list) {
        int clients = 0;
        for (String token : tokens(list)) {
            if (Ascii.equalsIgnoreCase(token, "EXCEPT")) {
                clients = 0;
                continue;
            }
            clients++;
            int at = Fields.splitIndex(token, 1, '@');
            if (at >= 0) {
                checkUser(token.substring(0, at));
                hosts.check(token.substring(at + 1));
            } else {
                hosts.check(token);
            }
        }
        if (clients == 0) {
            context.warn("client list is empty or ends in EXCEPT");
        }
    }

    private void checkDaemon(String pat) {
        if (pat.startsWith("@")) {
            context.warn(pat + ": daemon name begins with \"@\"");
        } else if (pat.startsWith(".")) {
            context.warn(pat + ": daemon name begins with dot");
        } else if (pat.endsWith(".")) {
            context.warn(pat + ": daemon name ends in dot");
        } else if (Ascii.equalsIgnoreCase(pat, "ALL") || Ascii.equalsIgnoreCase(pat, "unknown")) {
            return;
        } else if (Ascii.equalsIgnoreCase(pat, "FAIL")) {
            warnFail(context);
        } else if (reserved(pat)) {
            context.warn(pat + ": daemon name may be reserved word");
        } else {
            InetdConf.Wrapping wrapping = services.get(pat);
            if (wrapping == null) {
                context.warn(pat + ": no such process name in " + inetdName);
                services.set(pat, InetdConf.Wrapping.WRAPPED); // report each name once
            } else if (wrapping == InetdConf.Wrapping.NOT_WRAPPED) {
                context.warn(pat + ": service possibly not wrapped");
                services.set(pat, InetdConf.Wrapping.WRAPPED);
            }
        }
    }

    private void checkUser(String pat) {
        if (pat.startsWith("@")) {
            context.warn(pat + ": user name begins with \"@\"");
        } else if (pat.startsWith(".")) {
            context.warn(pat + ": user name begins with dot");
        } else if (pat.endsWith(".")) {
            context.warn(pat + ": user name ends in dot");
        } else if (Ascii.equalsIgnoreCase(pat, "ALL") || Ascii.equalsIgnoreCase(pat, "unknown")
                || Ascii.equalsIgnoreCase(pat, "KNOWN")) {
            return;
        } else if (Ascii.equalsIgnoreCase(pat, "FAIL")) {
            warnFail(context);
        } else if (reserved(pat)) {
            context.warn(pat + ": user name may be reserved word");
        }
    }

    /** FAIL was the pre-7.0 way to say EXCEPT. */
    static void warnFail(ToolContext context) {
        context.warn("FAIL is no longer recognized");
        context.warn("(use EXCEPT or DENY instead)");
    }

    /** libwrap's reserved words, compared ignoring case. */
    static boolean reserved(String pat) {
        for (String word : List.of("unknown", "KNOWN", "paranoid", "ALL", "LOCAL")) {
            if (Ascii.equalsIgnoreCase(pat, word)) {
                return true;
            }
        }
        return false;
    }
}
