package dev.jwrap.core.check;

/**
 * The kinds of findings, each with the stable id that {@code --json} and the compiler-style output
 * show. The first group comes from jwrap's own analysis; the second classifies what tcpdchk reports.
 */
public enum FindingCode {
    // jwrap's analysis
    /** An earlier rule already decides every request this rule could match. */
    SHADOWED_RULE("shadowed-rule"),
    /** The daemon or client list can never match (starts with EXCEPT, only impossible patterns). */
    NEVER_MATCHES("never-matches"),
    /** An IPv4 net/mask whose network has bits outside the mask: it never matches. */
    NETMASK_HOST_BITS("netmask-host-bits"),
    /** The last line has no newline: tcpd ignores it (and in hosts.deny then denies everything). */
    MISSING_FINAL_NEWLINE("missing-final-newline"),
    /** A logical line longer than tcpd's buffer: tcpd stops reading the table there. */
    LINE_TOO_LONG("line-too-long"),
    /** A rule after a line that made tcpd stop reading the table. */
    AFTER_FATAL_LINE("after-fatal-line"),
    /** hosts.deny does not end with a rule that denies everything else. */
    NO_DEFAULT_DENY("no-default-deny"),
    /** hosts.allow lets every client in. */
    BROAD_ALLOW("broad-allow"),
    /** An IPv6 address without brackets: tcpd splits the rule at its colons. */
    UNBRACKETED_IPV6("unbracketed-ipv6"),
    /** A colon in an option value that is not written as backslash-colon. */
    COLON_IN_OPTION("colon-in-option"),
    /** The file has CR LF line ends. */
    CRLF_LINE_ENDS("crlf-line-ends"),
    /** A backslash before CR LF, which does not continue the line. */
    CRLF_CONTINUATION("crlf-continuation"),
    /** A '#' that is not in column 1, so the line is no comment. */
    INDENTED_COMMENT("indented-comment"),
    /** A comment ending in a backslash, which comments out the next line too. */
    COMMENT_CONTINUATION("comment-continuation"),

    // tcpdchk's checks, classified
    UNRESOLVABLE_NAME("unresolvable-name"),
    NO_REVERSE_NAME("no-reverse-name"),
    HOSTNAME_ALIAS("hostname-alias"),
    DNS_MISMATCH("dns-mismatch"),
    MULTI_ADDRESS_HOST("multi-address-host"),
    BAD_NETMASK("bad-netmask"),
    OPTION_ERROR("option-error"),
    IMPLICIT_ALLOW("implicit-allow"),
    MISSING_SEPARATOR("missing-separator"),
    EMPTY_LIST("empty-list"),
    UNKNOWN_DAEMON("unknown-daemon"),
    UNWRAPPED_SERVICE("unwrapped-service"),
    SUSPICIOUS_NAME("suspicious-name"),
    OBSOLETE_FAIL("obsolete-fail"),
    UNKNOWN_NETGROUP("unknown-netgroup"),
    TRAILING_DOT("trailing-dot"),
    LEADING_DOT("leading-dot"),
    WORLD_WRITABLE("world-writable"),
    INETD_ENTRY("inetd-entry"),
    UNREADABLE_TABLE("unreadable-table"),
    BAD_EXPANSION("bad-expansion"),
    /** Anything else tcpdchk says. */
    TCPDCHK("tcpdchk");

    private final String id;

    FindingCode(String id) {
        this.id = id;
    }

    /** The stable kebab-case id. */
    public String id() {
        return id;
    }
}
