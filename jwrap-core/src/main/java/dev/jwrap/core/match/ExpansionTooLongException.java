package dev.jwrap.core.match;

/**
 * A %-expansion grew past libwrap's 8190-character buffer. tcpd then logs the message, sleeps
 * five seconds and exits with status 0 (no verdict at all); callers decide what to do.
 */
public final class ExpansionTooLongException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpansionTooLongException(String message) {
        super(message);
    }
}
