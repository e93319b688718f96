package dev.jwrap.proxy.guard;

/** A configuration file that cannot be used; the message is one line, {@code file:line: reason}. */
public final class GuardConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public GuardConfigException(String message) {
        super(message);
    }
}
