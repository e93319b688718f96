package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.log.UnixSocketSyslog;
import dev.jwrap.proxy.tcpd.Tcpd;
import dev.jwrap.proxy.tcpd.TcpdArguments;
import dev.jwrap.proxy.tcpd.TcpdSettings;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The entry point of {@code jwrap-tcpd} (and of {@code jwrap tcpd} through the launcher): the
 * wrapper's own composition root, without picocli, so a super-server's connection waits for no
 * more class loading than the decision needs.
 */
public final class TcpdMain {

    private TcpdMain() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(System.err, args);
        } catch (RuntimeException e) {
            // a bug or an unsupported system: one line, never a stack trace onto the client's socket
            System.err.println("jwrap tcpd: " + e.getMessage());
            status = Jwrap.USAGE;
        }
        // the wrapper registers no shutdown hooks; System.exit would scan the jar for a logger (QuickExit)
        QuickExit.halt(status);
    }

    /** Runs the wrapper; returns only when this process was not replaced by the daemon. */
    static int run(PrintStream err, String... args) {
        TcpdSettings settings;
        try {
            settings = TcpdArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("jwrap tcpd: " + e.getMessage());
            return Jwrap.USAGE;
        }
        return run(settings, LazyServices.system());
    }

    static int run(TcpdSettings settings, LookupServices services) {
        return new Tcpd(services, TcpdMain::syslog, System.getenv()).run(settings);
    }

    /** openlog(name, LOG_PID, LOG_DAEMON); with no usable socket, lines are lost as with syslog(3). */
    private static Syslog syslog(String ident) {
        try {
            return UnixSocketSyslog.devLog(ident);
        } catch (IOException e) {
            return (priority, message) -> {};
        }
    }
}
