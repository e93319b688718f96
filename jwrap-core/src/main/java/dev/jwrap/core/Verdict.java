package dev.jwrap.core;

/** The outcome of an access check, in tcpdmatch's words. */
public enum Verdict {
    /** Access granted: the service runs. */
    GRANTED("granted"),
    /** Access denied: the connection is refused. */
    DENIED("denied"),
    /** A {@code twist} option took over: a shell command replaces the service. */
    DELEGATED("delegated");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The word tcpdmatch prints after {@code access:}. */
    public String word() {
        return word;
    }
}
