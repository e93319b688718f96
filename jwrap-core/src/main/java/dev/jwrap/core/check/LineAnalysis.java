package dev.jwrap.core.check;

import dev.jwrap.core.match.InetLiterals;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.source.LogicalLine;
import dev.jwrap.core.source.TableReader;
import dev.jwrap.core.syntax.Fields;
import java.util.ArrayList;
import java.util.List;

/**
 * Traps in the text of a table that the rule language makes easy to fall into (spec §1.3–§1.5,
 * §11): a line without newline that makes tcpd stop reading (and the rules it hides), CR LF line
 * ends, a backslash before CR LF, a comment that is not in column 1, a comment that swallows the
 * next line, and IPv6 addresses whose colons split the rule.
 */
final class LineAnalysis {

    private final String file;
    private final boolean denyTable;
    private final List<Finding> out = new ArrayList<>();

    private LineAnalysis(String file, boolean denyTable) {
        this.file = file;
        this.denyTable = denyTable;
    }

    static List<Finding> analyze(String file, byte[] content, boolean denyTable) {
        LineAnalysis a = new LineAnalysis(file, denyTable);
        a.physicalLines(content);
        a.logicalLines(content);
        return a.out;
    }

    private void physicalLines(byte[] content) {
        int crlf = 0;
        int first = 0;
        int line = 1;
        for (int i = 0; i < content.length; i++) {
            if (content[i] != '\n') {
                continue;
            }
            if (i > 0 && content[i - 1] == '\r') {
                if (crlf++ == 0) {
                    first = line;
                }
                if (i > 1 && content[i - 2] == '\\') {
                    add(Finding.Severity.ERROR, FindingCode.CRLF_CONTINUATION, line,
                            "a backslash before CR LF does not continue the line: tcpd reads line " + (line + 1)
                                    + " as a rule of its own");
                }
            }
            line++;
        }
        if (crlf > 0) {
            add(Finding.Severity.WARNING, FindingCode.CRLF_LINE_ENDS, first, crlf + " line(s) end in CR LF:"
                    + " tcpd copes, but backslash continuation fails and tcpdchk misreads the last word of each list");
        }
    }

    private void logicalLines(byte[] content) {
        int previous = 0;
        int fatalLine = -1;
        String fatalWhy = null;
        for (LogicalLine line : TableReader.read(content)) {
            String text = line.text();
            int firstPhysical = previous + 1;
            if (!line.terminated()) {
                if (fatalLine < 0) {
                    fatalLine = line.lineNumber() + 1;
                    fatalWhy = fatal(line, content);
                }
                continue;
            }
            if (fatalLine >= 0) {
                if (isRule(text)) {
                    add(Finding.Severity.ERROR, FindingCode.AFTER_FATAL_LINE, line.lineNumber(),
                            "rule is ignored: tcpd stops reading " + file + " at line " + fatalLine + " (" + fatalWhy + ")");
                }
            } else if (text.startsWith("#")) {
                commentContinuation(text, firstPhysical, line.lineNumber());
            } else if (!TableCompiler.isCommentOrBlank(text)) {
                indentedComment(text, line.lineNumber());
                ipv6(text, line.lineNumber());
            }
            previous = line.lineNumber();
        }
    }

    /** Reports the line that stops tcpd; says why in a few words for the rules after it. */
    private String fatal(LogicalLine line, byte[] content) {
        boolean atEnd = line.text().length() < TableReader.BUFFER_SIZE - 1;
        String consequence = denyTable
                ? ", and every request that reaches " + file + " is denied"
                : "";
        if (atEnd) {
            add(Finding.Severity.ERROR, FindingCode.MISSING_FINAL_NEWLINE, line.lineNumber() + 1,
                    "the last line has no newline: tcpd ignores it" + consequence);
            return "no newline";
        }
        add(Finding.Severity.ERROR, FindingCode.LINE_TOO_LONG, line.lineNumber() + 1,
                "line longer than " + (TableReader.BUFFER_SIZE - 2) + " characters: tcpd ignores it and every rule after it"
                        + consequence);
        return "line too long";
    }

    private static boolean isRule(String text) {
        return !TableCompiler.isCommentOrBlank(text) && Fields.splitIndex(text, 0, ':') >= 0;
    }

    private void commentContinuation(String text, int firstPhysical, int lastPhysical) {
        if (lastPhysical > firstPhysical) {
            add(Finding.Severity.WARNING, FindingCode.COMMENT_CONTINUATION, firstPhysical,
                    "comment ends in a backslash: line" + (lastPhysical > firstPhysical + 1 ? "s " + (firstPhysical + 1)
                            + "-" + lastPhysical + " are" : " " + lastPhysical + " is") + " part of the comment");
        }
    }

    private void indentedComment(String text, int line) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("#")) {
            return;
        }
        if (Fields.splitIndex(text, 0, ':') >= 0) {
            add(Finding.Severity.ERROR, FindingCode.INDENTED_COMMENT, line,
                    "'#' starts a comment only in column 1: tcpd reads this line as a rule");
        } else {
            add(Finding.Severity.WARNING, FindingCode.INDENTED_COMMENT, line,
                    "'#' starts a comment only in column 1: this line is not a comment");
        }
    }

    /**
     * IPv6 addresses in the client list must be bracketed, or the first colon ends the list and
     * the rest becomes options; in an option value every colon must be written {@code \:}.
     */
    private void ipv6(String text, int line) {
        int colon = Fields.splitIndex(text, 0, ':');
        if (colon < 0) {
            return;
        }
        String rest = text.substring(colon + 1);
        int optionStart = Fields.splitIndex(rest, 0, ':');
        int i = 0;
        for (String token : Fields.tokens(rest)) {
            int at = rest.indexOf(token, i);
            i = at + token.length();
            String host = token.substring(token.lastIndexOf('@') + 1);
            int slash = host.indexOf('/');
            String address = slash < 0 ? host : host.substring(0, slash);
            boolean bracketed = address.startsWith("[") && address.endsWith("]") && address.length() > 2;
            String bare = bracketed ? address.substring(1, address.length() - 1) : address;
            if (bare.indexOf(':') < 0 || InetLiterals.parseV6IgnoringScope(bare) == null) {
                continue;
            }
            if (optionStart >= 0 && at > optionStart) {
                add(Finding.Severity.ERROR, FindingCode.COLON_IN_OPTION, line, "the colons of " + address
                        + " split the option field: write them as \\: in option values");
            } else if (!bracketed) {
                add(Finding.Severity.ERROR, FindingCode.UNBRACKETED_IPV6, line, "IPv6 address " + host
                        + " must be written [" + bare + "]" + (slash < 0 ? "" : host.substring(slash))
                        + ": tcpd ends the client list at its first colon");
            }
        }
    }

    private void add(Finding.Severity severity, FindingCode code, int line, String message) {
        out.add(new Finding(severity, code, file, line, message));
    }
}
