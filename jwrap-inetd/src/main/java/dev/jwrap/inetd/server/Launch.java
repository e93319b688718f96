package dev.jwrap.inetd.server;

import dev.jwrap.inetd.config.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program an entry really starts and the daemon name its access check uses. For a line whose
 * server is tcpd, tcpd is not run: its work is done in-process, so the program is the one tcpd
 * would exec, found the way tcpd finds it (hosts_access.md §6, step 2).
 *
 * @param program absolute path to execute
 * @param argv argv as the program receives it
 * @param daemon the daemon name hosts.allow rules match
 * @param viaTcpd true when the line named tcpd
 */
record Launch(Path program, List<String> argv, String daemon, boolean viaTcpd) {

    /** Where inetd.conf lines name tcpd (Debian), and where tcpd looks for relative daemons. */
    static final String TCPD = "/usr/sbin/tcpd";
    static final String TCPD_DIRECTORY = "/usr/sbin/";

    static Launch of(Server.Program program) {
        String argv0 = program.argv().getFirst();
        if (!program.path().equals(TCPD)) {
            // inetd -l matches argv[0] exactly as written (inetd.md §5)
            return new Launch(Path.of(program.path()), program.argv(), argv0, false);
        }
        boolean absolute = argv0.startsWith("/");
        String name = absolute ? argv0.substring(argv0.lastIndexOf('/') + 1) : argv0;
        Path path = Path.of(absolute ? argv0 : TCPD_DIRECTORY + argv0);
        List<String> argv = new ArrayList<>(program.argv());
        argv.set(0, name);
        return new Launch(path, argv, name, true);
    }
}
