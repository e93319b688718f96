package dev.jwrap.audit.harden;

import java.nio.file.Path;
import java.util.List;

/**
 * What a harden run would change: each file's bytes before and after, computed before any file is
 * touched, plus the lines to tell the administrator. Immutable.
 *
 * @param changes the files that change, in the order they are written
 * @param notices things worth saying (a symlink followed, a service kept)
 * @param advice commands for what harden never edits (boot configuration, reloads)
 * @param closing the ports of the services it disables ({@code tcp/23}), which a super-server
 *     closes once it rereads its configuration
 */
record Plan(List<Change> changes, List<String> notices, List<String> advice, java.util.Set<String> closing) {

    Plan {
        changes = List.copyOf(changes);
        notices = List.copyOf(notices);
        advice = List.copyOf(advice);
        closing = java.util.Set.copyOf(closing);
    }

    /**
     * One file's change.
     *
     * @param path relative to ROOT, as diffs and the journal name it ({@code etc/inetd.conf})
     * @param file the file to replace (a symlink's target)
     * @param before the bytes before, null when the file does not exist
     * @param after the bytes after
     */
    record Change(String path, Path file, byte[] before, byte[] after) {}
}
