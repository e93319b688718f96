/**
 * hosts.allow / hosts.deny for Java servers that accept their own connections: an
 * {@link dev.jwrap.host.embed.EmbeddedAccess} (policy, daemon name, lookups, log) shared by
 * {@link dev.jwrap.host.embed.AccessFilter} for any accept loop and
 * {@link dev.jwrap.host.embed.AccessCheckedServerSocketChannel}, a {@code ServerSocketChannel}
 * whose {@code accept()} returns only allowed connections. The Netty handler in jwrap-netty uses
 * the same {@code EmbeddedAccess}.
 */
package dev.jwrap.host.embed;
