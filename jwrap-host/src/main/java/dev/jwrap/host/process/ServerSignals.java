package dev.jwrap.host.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Routes the signals a super-server reacts to (inetd.md §9.7): SIGHUP to the reload action,
 * SIGTERM and SIGINT to the shutdown action, SIGCHLD to the child action (normally
 * {@link ChildReaper#wake()}). Installing replaces the JVM's default for HUP/TERM/INT ("run
 * shutdown hooks and exit"), so the shutdown action must end the process itself. Actions run on
 * the JVM's signal dispatch thread and should only hand work over (set a flag, wake a loop).
 * {@link #close()} restores the previous handlers. Uses {@code sun.misc.Signal} from the
 * jdk.unsupported module, the only signal API the JDK offers.
 */
public final class ServerSignals implements AutoCloseable {

    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {}

    private ServerSignals() {}

    /**
     * Installs the handlers.
     *
     * @throws IllegalArgumentException when the JVM refuses one of the signals (e.g. launched
     *     with {@code -Xrs}); nothing stays installed then
     */
    public static ServerSignals install(Runnable onReload, Runnable onShutdown, Runnable onChildExit) {
        Objects.requireNonNull(onReload, "onReload");
        Objects.requireNonNull(onShutdown, "onShutdown");
        Objects.requireNonNull(onChildExit, "onChildExit");
        ServerSignals signals = new ServerSignals();
        try {
            signals.route("HUP", onReload);
            signals.route("TERM", onShutdown);
            signals.route("INT", onShutdown);
            signals.route("CHLD", onChildExit);
        } catch (IllegalArgumentException e) {
            signals.close();
            throw e;
        }
        return signals;
    }

    private void route(String name, Runnable action) {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, s -> action.run());
        installed.add(new Installed(signal, previous));
    }

    /** Puts back the handlers that were in place before {@link #install}. */
    @Override
    public void close() {
        for (Installed i : installed.reversed()) {
            Signal.handle(i.signal(), i.previous());
        }
        installed.clear();
    }
}
