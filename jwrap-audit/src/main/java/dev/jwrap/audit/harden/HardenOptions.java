package dev.jwrap.audit.harden;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code jwrap harden} is asked to do. Immutable.
 *
 * @param root the tree to harden
 * @param dryRun show the diff, write nothing
 * @param keep services not to disable
 * @param only when not empty, disable just these
 * @param allowFrom networks the kept wrapped services (and, on a live system, sshd) stay open to
 * @param adminNet networks sshd stays open to
 * @param noDefaultDeny do not add {@code ALL: ALL} to hosts.deny
 * @param wrap put the kept inetd services that do not run tcpd behind tcpd
 * @param reload after applying, signal the running super-servers to reread their configuration
 * @param force disable a service even when it serves the administrator's own session
 * @param date the date in the markers
 * @param crashAfter test hook: halt the process after this many file replacements, 0 = never
 */
public record HardenOptions(Path root, boolean dryRun, Set<String> keep, Set<String> only, List<ClientNet> allowFrom,
        List<ClientNet> adminNet, boolean noDefaultDeny, boolean wrap, boolean reload, boolean force, LocalDate date, int crashAfter) {

    public HardenOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(date, "date");
        keep = Set.copyOf(keep);
        only = Set.copyOf(only);
        allowFrom = List.copyOf(allowFrom);
        adminNet = List.copyOf(adminNet);
    }
}
