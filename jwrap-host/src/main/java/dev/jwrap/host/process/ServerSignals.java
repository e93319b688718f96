package dev.jwrap.host.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
        Objects.requireNonNull(onChildExit, "onChildExit");
        return install(onReload, onShutdown, Optional.of(onChildExit));
    }

    /**
     * Installs the handlers for HUP, TERM and INT only: SIGCHLD keeps its default, for a server
     * whose {@link ChildReaper} learns of exits without it ({@link ChildReaper#needsSigchld()}).
     * The JVM starts a thread for every signal it dispatches, which is dear once per child.
     *
     * @throws IllegalArgumentException as {@link #install(Runnable, Runnable, Runnable)}
     */
    public static ServerSignals install(Runnable onReload, Runnable onShutdown) {
        return install(onReload, onShutdown, Optional.empty());
    }

    private static ServerSignals install(Runnable onReload, Runnable onShutdown, Optional<Runnable> onChildExit) {
        Objects.requireNonNull(onReload, "onReload");
        Objects.requireNonNull(onShutdown, "onShutdown");
        ServerSignals signals = new ServerSignals();
        try {
            signals.route("HUP", onReload);
            signals.route("TERM", onShutdown);
            signals.route("INT", onShutdown);
            if (onChildExit.isPresent()) {
                signals.route("CHLD", onChildExit.get());
            }
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
