package dev.jwrap.host.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.jwrap.core.resolve.UserDatabase;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides a service's {@link Credentials} from the user and group named on its inetd.conf line,
 * exactly as openbsd-inetd's child does (inetd.md §4.1): a non-root user gets its uid, the named
 * group or its own primary group, and the supplementary groups {@code initgroups} would set; root
 * keeps its identity and only changes group when one is named. Lookups go through the C library
 * (NSS) at every call, like inetd's per-connection {@code getpwnam}. Thread-safe.
 */
public final class CredentialResolver {

    private static final int ROOT = 0;
    private static final int INITIAL_GROUPS = 64;

    private final UserDatabase users;
    private final Posix posix;
    private final int effectiveUid;

    /**
     * A resolver for this process's own effective uid.
     *
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    public CredentialResolver(UserDatabase users) {
        this(users, new Posix());
    }

    private CredentialResolver(UserDatabase users, Posix posix) {
        this(users, posix, posix.geteuid());
    }

    CredentialResolver(UserDatabase users, Posix posix, int effectiveUid) {
        this.users = Objects.requireNonNull(users, "users");
        this.posix = Objects.requireNonNull(posix, "posix");
        this.effectiveUid = effectiveUid;
    }

    /**
     * @param user the user field
     * @param group the group after {@code .} or {@code :}, or empty
     * @throws SpawnException with inetd's log text ({@code getpwnam: bob: No such user},
     *     {@code getgrnam: staff: No such group}), or when this process may not switch to the user
     */
    public Credentials resolve(String user, Optional<String> group) throws SpawnException {
        UserDatabase.User entry = users.user(user)
                .orElseThrow(() -> new SpawnException("getpwnam: " + user + ": No such user", 0));
        OptionalInt named = group.isEmpty() ? OptionalInt.empty() : OptionalInt.of(groupId(group.get()));
        if (effectiveUid != ROOT) {
            return unprivileged(entry, named);
        }
        if (entry.uid() != ROOT) {
            int gid = named.orElse(entry.gid());
            return new Credentials.SwitchUser(entry.uid(), gid, groupList(entry.name(), gid));
        }
        return named.isPresent() ? new Credentials.GroupOnly(named.getAsInt()) : Credentials.unchanged();
    }

    /** A non-root inetd runs only its own entries, unchanged (upstream inetd.c). */
    private Credentials unprivileged(UserDatabase.User entry, OptionalInt named) throws SpawnException {
        if (entry.uid() != effectiveUid || named.isPresent()) {
            throw new SpawnException(entry.name() + ": cannot change to this user or group: not running as root"
                    + " (uid " + effectiveUid + ")", 1);
        }
        return Credentials.unchanged();
    }

    private int groupId(String name) throws SpawnException {
        return users.group(name)
                .orElseThrow(() -> new SpawnException("getgrnam: " + name + ": No such group", 0))
                .gid();
    }

    /** {@code getgrouplist(user, gid)}: the list {@code initgroups(user, gid)} installs, gid first. */
    List<Integer> groupList(String user, int gid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(user, StandardCharsets.ISO_8859_1);
            MemorySegment count = arena.allocate(JAVA_INT);
            int capacity = INITIAL_GROUPS;
            while (true) {
                MemorySegment groups = arena.allocate(JAVA_INT, capacity);
                count.set(JAVA_INT, 0, capacity);
                int found = posix.getgrouplist(name, gid, groups, count);
                int needed = count.get(JAVA_INT, 0);
                if (found >= 0) {
                    List<Integer> list = new ArrayList<>(found);
                    for (int i = 0; i < found; i++) {
                        list.add(groups.getAtIndex(JAVA_INT, i));
                    }
                    return List.copyOf(list);
                }
                // -1: too small; glibc stored the size it needs.
                capacity = Math.max(needed, capacity * 2);
            }
        }
    }
}
