package dev.jwrap.host.embed;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.host.log.Syslog;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Options of a matched rule as an embedded server can honour them. The connection belongs to the
 * caller and may live on an event loop, so banners, keepalive and linger are collected here and
 * applied by the transport afterwards. {@code spawn} and {@code aclexec} run {@code /bin/sh -c}
 * beside the server and are waited for (on the checking thread, never an event loop). Options that
 * would change the process itself (setenv, umask, nice, user, group) are ignored: there is no child
 * to give them to, and applying them to the server would be wrong. {@code twist} is refused as
 * libwrap refuses it in a resident process. Used by one check's thread only.
 */
final class CollectingEffects implements OptionEffects {

    private static final File DEV_NULL = new File("/dev/null");

    private final Syslog log;
    private final ByteArrayOutputStream banner = new ByteArrayOutputStream();
    private boolean keepalive;
    private OptionalInt linger = OptionalInt.empty();

    CollectingEffects(Syslog log) {
        this.log = log;
    }

    @Override
    public void banner(byte[] text) {
        banner.writeBytes(text);
    }

    @Override
    public void keepalive() {
        keepalive = true;
    }

    @Override
    public void linger(int seconds) {
        linger = OptionalInt.of(seconds);
    }

    @Override
    public void spawn(String command) {
        runShell(command);
    }

    @Override
    public boolean aclexec(String command) {
        return runShell(command) == 0;
    }

    /** A long-running process may not be replaced by a shell command (libwrap's own rule). */
    @Override
    public boolean twistAllowed() {
        return false;
    }

    Admission admission(boolean granted, dev.jwrap.core.Decision decision) {
        return new Admission(granted, decision, banner.toByteArray(), keepalive, linger);
    }

    /** Runs {@code /bin/sh -c command} with stdio on /dev/null, as libwrap's shell_cmd does; the exit status, or -1. */
    private int runShell(String command) {
        try {
            Process shell = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(DEV_NULL)
                    .redirectError(DEV_NULL)
                    .start();
            return shell.waitFor();
        } catch (IOException e) {
            log.error("cannot run /bin/sh -c " + command + ": " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
