package dev.jwrap.core.testing;

import dev.jwrap.core.resolve.UserDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user database from a few entries. */
public final class MapUserDatabase implements UserDatabase {

    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();

    public MapUserDatabase user(String name, int uid, int gid) {
        users.put(name, new User(name, uid, gid, "/"));
        return this;
    }

    public MapUserDatabase group(String name, int gid) {
        groups.put(name, new Group(name, gid, List.of()));
        return this;
    }

    /** root, nobody and nogroup, as on Debian. */
    public static MapUserDatabase debian() {
        return new MapUserDatabase().user("root", 0, 0).user("nobody", 65534, 65534).group("root", 0).group("nogroup", 65534);
    }

    @Override
    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }
}
