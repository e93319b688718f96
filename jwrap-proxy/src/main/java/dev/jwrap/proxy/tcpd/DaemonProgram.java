package dev.jwrap.proxy.tcpd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon a wrapper runs after the check, derived from its arguments as tcpd derives it from
 * argv (hosts_access.md §6 step 2): an absolute first word is the program, its base name the
 * daemon name and the new argv[0]; any other word is a program in the daemon directory
 * ({@code /usr/sbin}) and the daemon name as given. Immutable.
 *
 * @param program the program to exec
 * @param name the daemon (process) name the tables see and syslog lines carry
 * @param argv the daemon's complete argv, argv[0] included
 */
public record DaemonProgram(Path program, String name, List<String> argv) {

    /** tcpd's REAL_DAEMON_DIR on Debian. */
    public static final Path DAEMON_DIRECTORY = Path.of("/usr/sbin");

    public DaemonProgram {
        argv = List.copyOf(argv);
    }

    /**
     * @param words the daemon and its arguments, as inetd.conf gives them after the wrapper
     * @throws IllegalArgumentException when there is no daemon word
     */
    public static DaemonProgram of(List<String> words) {
        if (words.isEmpty() || words.getFirst().isEmpty()) {
            throw new IllegalArgumentException("no daemon given: the first argument names the program to wrap");
        }
        String first = words.getFirst();
        Path program;
        String name;
        if (first.startsWith("/")) {
            program = Path.of(first);
            int slash = first.lastIndexOf('/');
            name = first.substring(slash + 1);
        } else {
            program = DAEMON_DIRECTORY.resolve(first);
            name = first;
        }
        List<String> argv = new ArrayList<>(words);
        argv.set(0, name);
        return new DaemonProgram(program, name, argv);
    }
}
