package dev.jwrap.host.process;

import java.io.IOException;

/**
 * A program could not be started: the message is the line inetd would log, e.g.
 * {@code execv /usr/sbin/in.fingerd: No such file or directory} or
 * {@code getpwnam: bob: No such user}.
 */
public final class SpawnException extends IOException {

    private final int errno;

    /**
     * @param errno the C error number behind the failure, or 0 when there is none (unknown user)
     */
    public SpawnException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The C error number behind the failure, or 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
