package dev.jwrap.audit.kb;

import java.util.Locale;

/** What the knowledge base advises for a service. */
public enum Recommendation {
    /** Turn it off: nothing needs it, or a safer replacement exists. */
    DISABLE,
    /** Keep it, reachable only by named clients. */
    RESTRICT,
    /** Fine as it is. */
    KEEP;

    /** Lower-case name, as the knowledge base and the reports write it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Recommendation parse(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
