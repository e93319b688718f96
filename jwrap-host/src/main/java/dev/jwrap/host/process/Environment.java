package dev.jwrap.host.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment spawned services get, built the way Debian's openbsd-inetd builds it
 * (inetd.md §4.3): without {@code -E}, every {@code NAME=value} string that starts with one of
 * netkit's "dangerous" prefixes is removed; {@code inetd_dummy=} plus 99 {@code x} is always
 * added (historic room for setproctitle, observed in every child). systemd's {@code LISTEN_*}
 * and {@code NOTIFY_SOCKET} variables are never passed on: they are meant for jwrap. Stateless.
 */
public final class Environment {

    /**
     * netkit's list, compared against the whole {@code NAME=value} string: some entries end in
     * {@code =} (exact names), others are prefixes of names ({@code LD_}, {@code SSH}, {@code TERM}
     * also removes TERMCAP, {@code TMP} also TMPDIR).
     */
    static final List<String> DANGEROUS_PREFIXES = List.of(
            "CVS", "DISPLAY=", "EDITOR=", "GROUP=", "HOME=", "IFS=", "LD_", "LOGNAME=", "MAIL=", "PATH=",
            "PRINTER=", "PWD=", "SHELL=", "SHLVL=", "SSH", "TERM", "TMP", "USER=", "VISUAL=");

    /** The variable every inetd child inherits. */
    static final String INETD_DUMMY = "inetd_dummy=" + "x".repeat(99);

    private Environment() {}

    /**
     * The child environment for inetd: {@code variables} laundered unless {@code keepAll}
     * ({@code -E}), plus {@code inetd_dummy}.
     */
    public static List<String> forInetd(Map<String, String> variables, boolean keepAll) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String entry = variable.getKey() + "=" + variable.getValue();
            // the socket-activation variables describe jwrap's own descriptors, not the child's
            boolean ours = variable.getKey().equals("inetd_dummy") || variable.getKey().equals("NOTIFY_SOCKET")
                    || SocketActivation.VARIABLES.contains(variable.getKey());
            if (!ours && (keepAll || !dangerous(entry))) {
                entries.add(entry);
            }
        }
        entries.add(INETD_DUMMY);
        return List.copyOf(entries);
    }

    /** True when inetd would remove {@code entry} ({@code NAME=value}) without {@code -E}. */
    public static boolean dangerous(String entry) {
        for (String prefix : DANGEROUS_PREFIXES) {
            if (entry.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
