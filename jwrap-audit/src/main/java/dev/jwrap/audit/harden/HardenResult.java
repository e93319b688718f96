package dev.jwrap.audit.harden;

import java.util.List;

/**
 * What a harden run did or, for a dry run, would do: the JSON output of {@code jwrap harden
 * --format json} ({@code jwrap.harden/1}) and the harden preview of the audit report. Immutable.
 *
 * @param root the hardened root
 * @param mode {@code dry-run}, {@code apply} or {@code undo}
 * @param status the exit status
 * @param changes each changed (or, in a dry run, to be changed) file with its unified diff
 * @param notices things worth knowing (a service kept, a symbolic link followed)
 * @param advice commands for what harden never edits, and the reload advice
 * @param reload with {@code --reload}: what was signalled and which ports closed
 * @param messages other lines ({@code nothing to do}, {@code restored /etc/inetd.conf})
 * @param errors why the run failed or left something alone, one line each
 */
public record HardenResult(String root, String mode, int status, List<FileDiff> changes, List<String> notices,
        List<String> advice, List<String> reload, List<String> messages, List<String> errors) {

    /** The schema identifier of the JSON form. */
    public static final String SCHEMA = "jwrap.harden/1";

    public HardenResult {
        changes = List.copyOf(changes);
        notices = List.copyOf(notices);
        advice = List.copyOf(advice);
        reload = List.copyOf(reload);
        messages = List.copyOf(messages);
        errors = List.copyOf(errors);
    }

    /** Whether the run changes (or would change) files. */
    public boolean pending() {
        return !changes.isEmpty();
    }

    /**
     * One file's change.
     *
     * @param file the path under the root, {@code /etc/inetd.conf}
     * @param existed whether the file existed before (a new hosts.deny did not)
     * @param diff the unified diff, {@code --- a/...} first
     */
    public record FileDiff(String file, boolean existed, String diff) {}
}
