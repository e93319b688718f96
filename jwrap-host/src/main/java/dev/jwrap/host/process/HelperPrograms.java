package dev.jwrap.host.process;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The system programs a spawn is chained through when posix_spawn alone cannot give the child
 * what it needs (inetd.md §9.5): {@code setpriv} (util-linux) drops uid, gid and supplementary
 * groups, {@code perl} sets the umask and restores the configured argv[0] that setpriv loses,
 * {@code nice} (coreutils) applies a niceness increment while still privileged. All three are
 * Essential packages on Debian. Immutable.
 */
public record HelperPrograms(Path setpriv, Path perl, Path nice) {

    public HelperPrograms {
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(perl, "perl");
        Objects.requireNonNull(nice, "nice");
    }

    /** The Debian locations: /usr/bin/setpriv, /usr/bin/perl, /usr/bin/nice. */
    public static HelperPrograms debian() {
        return new HelperPrograms(Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/perl"), Path.of("/usr/bin/nice"));
    }
}
