package dev.jwrap.core.policy;

/**
 * A client-list token (spec §2.2): a host pattern, and for {@code user@host} a user-name pattern
 * that is only tried (possibly with an ident lookup) after the host part matched.
 *
 * @param text the token as written
 * @param host the host pattern
 * @param user the user pattern, or null
 */
public record ClientPattern(String text, HostPattern host, StringPattern user) {}
