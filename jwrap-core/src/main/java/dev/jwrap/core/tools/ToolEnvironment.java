package dev.jwrap.core.tools;

import java.util.Objects;

/**
 * The parts of the host that tcpdchk and tcpdmatch look at besides the tables: the file system
 * (through a {@link PathProbe}), the default inetd.conf and the directory tcpd finds daemons in.
 * Immutable.
 *
 * @param probe stat(2) for paths named in inetd.conf and for the tables
 * @param inetdConf the inetd.conf read when none is given with {@code -i}
 * @param realDaemonDir tcpd's REAL_DAEMON_DIR, where it finds a daemon named without a path
 */
public record ToolEnvironment(PathProbe probe, String inetdConf, String realDaemonDir) {

    /** Debian's build: /etc/inetd.conf and /usr/sbin on the real file system. */
    public static final ToolEnvironment SYSTEM = new ToolEnvironment(PathProbe.SYSTEM, "/etc/inetd.conf", "/usr/sbin");

    public ToolEnvironment {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(inetdConf, "inetdConf");
        Objects.requireNonNull(realDaemonDir, "realDaemonDir");
    }
}
