package dev.jwrap.core.policy;

import java.util.List;

/**
 * One compiled access table: its rules in file order, and what a scan that reaches the end
 * yields — no match, or an error (the file could not be opened, or a line lacked its newline,
 * after which libwrap ignores the rest).
 *
 * @param name the name diagnostics use
 * @param rules the rules, in order
 * @param endsInError whether falling off the end is libwrap's ERR instead of NO
 */
public record Table(String name, List<Rule> rules, boolean endsInError) {

    public Table {
        rules = List.copyOf(rules);
    }
}
