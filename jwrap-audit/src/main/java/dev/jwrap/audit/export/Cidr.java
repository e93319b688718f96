package dev.jwrap.audit.export;

/**
 * An address block a firewall can match: {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single
 * address written without a length.
 *
 * @param v6 whether it is an IPv6 block
 * @param text the normalised text, host bits already cleared
 */
public record Cidr(boolean v6, String text) {}
