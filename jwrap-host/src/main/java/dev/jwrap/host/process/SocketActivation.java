package dev.jwrap.host.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sockets systemd hands over by socket activation (sd_listen_fds(3)): when {@code LISTEN_PID}
 * is this process, {@code LISTEN_FDS} descriptors starting at 3, named by the colon-separated
 * {@code LISTEN_FDNAMES} when their count matches. Reading the variables is kept apart from the
 * descriptors so it can be tested without being started by systemd. Stateless.
 */
public final class SocketActivation {

    /** The first passed descriptor ({@code SD_LISTEN_FDS_START}). */
    public static final int FIRST_FD = 3;

    /** Variables that describe the hand-over; children must not see them. */
    public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

    /** systemd's name for a socket whose unit gave none. */
    static final String UNKNOWN_NAME = "unknown";

    /** One passed descriptor and its {@code FileDescriptorName=}. */
    public record Passed(int fd, String name) {}

    private SocketActivation() {}

    /**
     * The descriptors passed to the process {@code pid}, in order; empty when nothing was passed or
     * the variables were meant for another process (the parent that set them, say).
     *
     * @throws IllegalArgumentException when {@code LISTEN_PID} or {@code LISTEN_FDS} is not a number
     */
    public static List<Passed> passed(Map<String, String> environment, long pid) {
        String listenPid = environment.get("LISTEN_PID");
        String listenFds = environment.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return List.of();
        }
        if (number("LISTEN_PID", listenPid) != pid) {
            return List.of();
        }
        long count = number("LISTEN_FDS", listenFds);
        String names = environment.get("LISTEN_FDNAMES");
        String[] split = names == null ? new String[0] : names.split(":", -1);
        List<Passed> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(new Passed(FIRST_FD + i, split.length == count ? split[i] : UNKNOWN_NAME));
        }
        return List.copyOf(result);
    }

    private static long number(String variable, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0 && parsed <= Integer.MAX_VALUE - FIRST_FD) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + "=" + value + ": not a valid number");
    }
}
