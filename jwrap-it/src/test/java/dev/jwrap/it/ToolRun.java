package dev.jwrap.it;

import java.time.Duration;
import java.util.List;

/**
 * What one run of a tool produced.
 *
 * @param exitStatus the exit status, or -1 if the run did not finish in time
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error
 * @param syslog what the C tool logged (Debian's tcpdmatch/tcpdchk log every diagnostic); empty for jwrap
 * @param timedOut whether the run was stopped for taking too long
 * @param elapsed the wall-clock time of the run
 */
record ToolRun(int exitStatus, byte[] stdout, byte[] stderr, List<SyslogRecord> syslog, boolean timedOut, Duration elapsed) {

    ToolRun {
        stdout = stdout.clone();
        stderr = stderr.clone();
        syslog = List.copyOf(syslog);
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Whether stdout and exit status are the same, the differential tests' criterion. */
    boolean agreesWith(ToolRun other) {
        return !timedOut
                && !other.timedOut
                && exitStatus == other.exitStatus
                && java.util.Arrays.equals(stdout, other.stdout);
    }
}
