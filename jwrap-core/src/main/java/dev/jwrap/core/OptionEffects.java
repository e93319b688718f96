package dev.jwrap.core;

import dev.jwrap.core.resolve.UserDatabase;

/**
 * What the host program does for the options of a matched rule (hosts_options(5)). The engine
 * parses, validates and %-expands every option, decides the verdict, and calls these methods
 * in the order the options appear, while the check is running — as tcpd does, so a {@code spawn}
 * has run before a later option fails.
 *
 * <p>Every method has a do-nothing default: {@link #DRY_RUN} is what tcpdmatch and tcpdchk use.
 * A server applies the effects to the connection it is checking (tcpd, inetd, a guard).
 */
public interface OptionEffects {

    /** Runs nothing, changes nothing. */
    OptionEffects DRY_RUN = new OptionEffects() {};

    /** {@code banners}: the banner file's text, already %-expanded and with CRLF line ends. */
    default void banner(byte[] text) {}

    /** {@code spawn}: run {@code /bin/sh -c command} beside the service and wait for it. */
    default void spawn(String command) {}

    /**
     * {@code aclexec} (Debian): run {@code /bin/sh -c command} and wait.
     *
     * @return true when it exited with status 0 (the rule goes on as matched)
     */
    default boolean aclexec(String command) {
        return true;
    }

    /** {@code setenv}: set a variable for the service. */
    default void setenv(String name, String value) {}

    /** {@code umask}. */
    default void umask(int mask) {}

    /** {@code nice}. */
    default void nice(int increment) {}

    /** {@code keepalive}: {@code SO_KEEPALIVE} on the connection. */
    default void keepalive() {}

    /** {@code linger}: {@code SO_LINGER} with this many seconds (0 turns it off). */
    default void linger(int seconds) {}

    /**
     * {@code user} / {@code group}: run the service as this user and group. Both were found in
     * the user database before the call.
     *
     * @param user the user, or null for the {@code group} option
     * @param group the group, or null when {@code user} named none
     * @return null on success, or the error message that denies access (e.g.
     *     {@code setgid(nobody): Operation not permitted})
     */
    default String changeIdentity(UserDatabase.User user, UserDatabase.Group group) {
        return null;
    }

    /**
     * Whether {@code twist} may replace the service. libwrap refuses it in a long-running process
     * from its second check on ("twist option in resident process").
     */
    default boolean twistAllowed() {
        return true;
    }
}
