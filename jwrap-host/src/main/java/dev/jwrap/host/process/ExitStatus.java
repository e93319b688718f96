package dev.jwrap.host.process;

/**
 * How a child ended: the raw {@code waitpid} status word, decoded as the C macros do. Immutable.
 *
 * @param raw the status word, or {@link #LOST_STATUS} when the child was reaped elsewhere
 */
public record ExitStatus(int raw) {

    /** The raw value of {@link #lost()}: no status word could be collected (ECHILD). */
    public static final int LOST_STATUS = -1;

    /** A child whose status is unknown because someone else reaped it. */
    public static ExitStatus lost() {
        return new ExitStatus(LOST_STATUS);
    }

    /** True when the child called exit ({@code WIFEXITED}). */
    public boolean exited() {
        return raw != LOST_STATUS && (raw & 0x7f) == 0;
    }

    /** The exit code ({@code WEXITSTATUS}); meaningful only when {@link #exited()}. */
    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    /** True when a signal killed the child ({@code WIFSIGNALED}). */
    public boolean signaled() {
        return raw != LOST_STATUS && (raw & 0x7f) != 0 && (raw & 0x7f) != 0x7f;
    }

    /** The signal that killed the child ({@code WTERMSIG}); meaningful only when {@link #signaled()}. */
    public int signal() {
        return raw & 0x7f;
    }

    /** True for a normal exit with code 0. */
    public boolean success() {
        return exited() && exitCode() == 0;
    }

    /** The words inetd logs for a wait service (inetd.md §3.7): {@code exit status 3} or {@code exit signal 9}. */
    public String describe() {
        if (exited()) {
            return "exit status " + exitCode();
        }
        if (signaled()) {
            return "exit signal " + signal();
        }
        return raw == LOST_STATUS ? "exit status unknown" : String.format("status 0x%x", raw);
    }
}
