package dev.jwrap.core.tools;

import dev.jwrap.core.syntax.Ascii;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tools know about each process name: wrapped by tcpd, not wrapped, or maybe
 * (libwrap's {@code inet_set}/{@code inet_get}). A later registration of the same name (compared
 * ignoring case) overrides an earlier one.
 *
 * <p>Not thread-safe: one per tool run.
 */
final class ServiceRegistry {

    private final List<String> names = new ArrayList<>();
    private final List<InetdConf.Wrapping> states = new ArrayList<>();

    void set(String name, InetdConf.Wrapping wrapping) {
        names.add(name);
        states.add(wrapping);
    }

    void setAll(List<InetdConf.Entry> entries) {
        for (InetdConf.Entry e : entries) {
            set(e.processName(), e.wrapping());
        }
    }

    /**
     * The newest registration of {@code name}; null when it was never registered — except that
     * with nothing registered at all everything is {@link InetdConf.Wrapping#MAYBE}.
     */
    InetdConf.Wrapping get(String name) {
        if (names.isEmpty()) {
            return InetdConf.Wrapping.MAYBE;
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            if (Ascii.equalsIgnoreCase(names.get(i), name)) {
                return states.get(i);
            }
        }
        return null;
    }
}
