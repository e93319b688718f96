package dev.jwrap.core.tools;

import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.resolve.UserDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The option effects of Debian's tcpdmatch and tcpdchk, which run options in "dry run" mode —
 * except {@code user} and {@code group}: a Debian patch inverted their dry-run test, so these
 * programs really change their identity (spec §4.2). This class simulates that identity: a run
 * that started as root can become another user once, and from then on every change that needs
 * privileges fails and denies, exactly as the C programs behave. Nothing real is changed.
 *
 * <p>Not thread-safe: one per tool run, kept across the run's address blocks.
 */
final class DryRunIdentity implements OptionEffects {

    private static final String EPERM = "Operation not permitted";

    private int uid;
    private int gid;

    DryRunIdentity(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /** The identity of this process, read from /proc (0/0 when it cannot be read). */
    static DryRunIdentity ofCurrentProcess() {
        try {
            int uid = 0;
            int gid = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
            return new DryRunIdentity(uid, gid);
        } catch (IOException | RuntimeException e) {
            return new DryRunIdentity(0, 0);
        }
    }

    @Override
    public String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
        if (user == null) {
            // group option: setgid(group) + setgroups(0, NULL)
            if (!setgid(group.gid())) {
                return "setgid(" + group.name() + "): " + EPERM;
            }
            return uid == 0 ? null : "setgroups(" + group.name() + "): " + EPERM;
        }
        if (group != null) {
            // user.group: setgid, setgroups (needs root even when the gid does not change), setuid
            if (!setgid(group.gid())) {
                return "setgid(" + group.name() + "): " + EPERM;
            }
            if (uid != 0) {
                return "setgroups(" + group.name() + "): " + EPERM;
            }
            return setuid(user.uid()) ? null : "setuid(" + user.name() + "): " + EPERM;
        }
        if (!setuid(user.uid())) {
            return "setuid(" + user.name() + "): " + EPERM;
        }
        if (!setgid(user.gid())) {
            return "setgid(" + user.name() + "): " + EPERM;
        }
        return uid == 0 ? null : "initgroups(" + user.name() + "): " + EPERM;
    }

    private boolean setuid(int target) {
        if (uid != 0 && target != uid) {
            return false;
        }
        uid = target;
        return true;
    }

    private boolean setgid(int target) {
        if (uid != 0 && target != gid) {
            return false;
        }
        gid = target;
        return true;
    }
}
