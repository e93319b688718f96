package dev.jwrap.host.process;

import java.util.List;

/**
 * The identity a spawned program runs with, decided before the spawn (see
 * {@link CredentialResolver}) in the three shapes openbsd-inetd produces (inetd.md §4.1).
 * Immutable.
 */
public sealed interface Credentials {

    /** Keep the server's own uid, gid and groups: a {@code root} entry without a group. */
    record Unchanged() implements Credentials {}

    /** Only change the group ({@code setgid}), keeping uid and supplementary groups: {@code root:group}. */
    record GroupOnly(int gid) implements Credentials {}

    /**
     * Become {@code uid} with primary group {@code gid} and exactly {@code groups} as supplementary
     * groups (what {@code initgroups} computes): every non-root entry.
     */
    record SwitchUser(int uid, int gid, List<Integer> groups) implements Credentials {
        public SwitchUser {
            groups = List.copyOf(groups);
        }
    }

    /** The shared {@link Unchanged} value. */
    static Credentials unchanged() {
        return new Unchanged();
    }
}
