package dev.jwrap.core.resolve;

import java.util.List;
import java.util.Optional;

/**
 * The system's user and group database (getpwnam / getgrnam), used by the {@code user} and
 * {@code group} options. Thread-safe.
 */
public interface UserDatabase {

    /** A passwd entry. */
    record User(String name, int uid, int gid, String home) {}

    /** A group entry. */
    record Group(String name, int gid, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    Optional<User> user(String name);

    Optional<Group> group(String name);
}
