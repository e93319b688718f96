package dev.jwrap.inetd.server;

import dev.jwrap.core.TableFile;
import dev.jwrap.inetd.builtin.UdpSourceFilter;
import java.util.Objects;

/**
 * How the supervisor runs: the inetd flags that matter after parsing, and jwrap's additions.
 *
 * @param libwrap {@code -l}: check and log the services Debian's {@code inetd -l} checks
 * @param wrapAll also check built-ins and datagram built-ins (jwrap's {@code --wrap-all})
 * @param keepEnvironment {@code -E}: children get the environment unlaundered
 * @param backlog listen backlog ({@code -q}; values below 10 are raised to 10 as inetd does)
 * @param allow hosts.allow
 * @param deny hosts.deny
 * @param udpFilter which sources the UDP built-ins answer ({@code --udp-filter}; openbsd-inetd's by default)
 */
public record SupervisorOptions(
        boolean libwrap, boolean wrapAll, boolean keepEnvironment, int backlog, TableFile allow, TableFile deny,
        UdpSourceFilter.Mode udpFilter) {

    /** inetd's default backlog (Debian's {@code -q} default). */
    public static final int DEFAULT_BACKLOG = 128;

    /** The smallest backlog inetd uses. */
    public static final int MIN_BACKLOG = 10;

    public SupervisorOptions {
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(deny, "deny");
        Objects.requireNonNull(udpFilter, "udpFilter");
        backlog = Math.max(backlog, MIN_BACKLOG);
    }

    /** No checks, default backlog, system tables, openbsd-inetd's UDP source filter. */
    public static SupervisorOptions defaults() {
        return new SupervisorOptions(false, false, false, DEFAULT_BACKLOG, TableFile.SYSTEM_ALLOW,
                TableFile.SYSTEM_DENY, UdpSourceFilter.Mode.DEBIAN);
    }

    public SupervisorOptions withTables(TableFile newAllow, TableFile newDeny) {
        return new SupervisorOptions(libwrap, wrapAll, keepEnvironment, backlog, newAllow, newDeny, udpFilter);
    }

    public SupervisorOptions withLibwrap(boolean on) {
        return new SupervisorOptions(on, wrapAll, keepEnvironment, backlog, allow, deny, udpFilter);
    }

    public SupervisorOptions withWrapAll(boolean on) {
        return new SupervisorOptions(libwrap, on, keepEnvironment, backlog, allow, deny, udpFilter);
    }

    public SupervisorOptions withUdpFilter(UdpSourceFilter.Mode mode) {
        return new SupervisorOptions(libwrap, wrapAll, keepEnvironment, backlog, allow, deny, mode);
    }
}
