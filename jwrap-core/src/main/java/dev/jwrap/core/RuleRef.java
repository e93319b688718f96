package dev.jwrap.core;

/**
 * Where a rule stands: the table file, the line number libwrap reports for it (the last physical
 * line of a continued rule) and the rule's logical text without its final newline.
 */
public record RuleRef(String file, int line, String text) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
