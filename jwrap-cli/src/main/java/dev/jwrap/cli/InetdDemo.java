package dev.jwrap.cli;

import dev.jwrap.inetd.config.ServicesDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of {@code jwrap inetd --demo}, written to a fresh temporary directory: an inetd.conf
 * with echo, daytime and chargen on loopback high ports plus two services run through tcpd's
 * line form, a services database that puts the built-ins on those ports (built-ins are chosen by
 * their official names), and tables that allow one spawned service and refuse everything else.
 *
 * @param dir the temporary directory
 * @param config its inetd.conf
 * @param allow its hosts.allow
 * @param deny its hosts.deny
 * @param services the demo's services database
 */
record InetdDemo(Path dir, Path config, Path allow, Path deny, ServicesDatabase services) {

    static final int ECHO = 17007;
    static final int DAYTIME = 17013;
    static final int CHARGEN = 17019;
    static final int CAT = 17101;
    static final int DATE = 17102;

    static InetdDemo create() throws IOException {
        Path dir = Files.createTempDirectory("jwrap-inetd-demo");
        String user = System.getProperty("user.name");
        Path config = Files.writeString(dir.resolve("inetd.conf"), """
                # jwrap inetd --demo: loopback only
                127.0.0.1:echo     stream tcp4 nowait %1$s internal
                127.0.0.1:echo     dgram  udp4 wait   %1$s internal
                127.0.0.1:daytime  stream tcp4 nowait %1$s internal
                127.0.0.1:chargen  stream tcp4 nowait %1$s internal
                # checked in-process as tcpd would, daemon names "cat" and "date"
                127.0.0.1:%2$d    stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/cat
                127.0.0.1:%3$d    stream tcp4 nowait %1$s /usr/sbin/tcpd /bin/date
                """.formatted(user, CAT, DATE));
        Path allow = Files.writeString(dir.resolve("hosts.allow"), "cat: 127.0.0.1\n");
        Path deny = Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        ServicesDatabase services = ServicesDatabase.parse("""
                echo     %d/tcp
                echo     %d/udp
                daytime  %d/tcp
                chargen  %d/tcp
                """.formatted(ECHO, ECHO, DAYTIME, CHARGEN));
        return new InetdDemo(dir, config, allow, deny, services);
    }

    void printInstructions(PrintStream out) {
        out.printf("""
                jwrap inetd demo: files in %s (edit them, then kill -HUP %d)
                  nc 127.0.0.1 %d          echo: type a line, it comes back
                  nc -u 127.0.0.1 %d       echo over UDP
                  nc 127.0.0.1 %d          daytime
                  nc 127.0.0.1 %d | head -3   chargen
                  nc 127.0.0.1 %d          /bin/cat spawned per connection (hosts.allow: cat: 127.0.0.1)
                  nc 127.0.0.1 %d          /bin/date, refused by hosts.deny (ALL: ALL); see the log below
                Stop with Ctrl-C.
                """, dir, ProcessHandle.current().pid(), ECHO, ECHO, DAYTIME, CHARGEN, CAT, DATE);
        out.flush();
    }
}
