package dev.jwrap.audit.kb;

import java.util.Locale;

/** How much a finding matters, highest first. {@code INFO} never makes the audit fail. */
public enum Severity {
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** Lower-case name, as the knowledge base and the reports write it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One step milder ({@code INFO} stays). */
    public Severity lower() {
        return this == INFO ? INFO : values()[ordinal() + 1];
    }

    static Severity parse(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
