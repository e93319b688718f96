/** Embedding API for Netty servers: a ChannelHandler that applies hosts.allow / hosts.deny, PROXY protocol aware. */
package dev.jwrap.netty;
