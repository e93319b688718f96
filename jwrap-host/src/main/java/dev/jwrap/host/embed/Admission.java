package dev.jwrap.host.embed;

import dev.jwrap.core.Decision;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one embedded access check and what the matched rule asks of the connection: the
 * banner text to write first, and the socket options to set. A server applies these and, when
 * {@link #granted()} is false, closes the connection. Immutable.
 *
 * @param granted whether the connection may be served
 * @param decision the engine's decision, or null when the check failed (timed out, threw)
 * @param banner the text of the {@code banners} option(s) in order, CRLF line ends; empty if none
 * @param keepalive whether the {@code keepalive} option asks for {@code SO_KEEPALIVE}
 * @param linger the {@code linger} option's seconds (0 turns lingering off), if given
 */
public record Admission(boolean granted, Decision decision, byte[] banner, boolean keepalive, OptionalInt linger) {

    public Admission {
        banner = banner.clone();
    }

    /** A refusal without a decision: the check could not be completed (fail closed). */
    static Admission failed() {
        return new Admission(false, null, new byte[0], false, OptionalInt.empty());
    }

    @Override
    public byte[] banner() {
        return banner.clone();
    }

    /** The engine's decision, empty when the check did not complete. */
    public Optional<Decision> decisionIfAny() {
        return Optional.ofNullable(decision);
    }
}
