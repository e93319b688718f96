/**
 * The operating-system layer of the super-server (inetd.md §4, §9): starting service programs
 * with {@code posix_spawn} through the FFM API and the connection on fds 0-2
 * ({@link dev.jwrap.host.process.PosixSpawnLauncher}), identities from inetd.conf's user field
 * ({@link dev.jwrap.host.process.CredentialResolver}), reaping
 * ({@link dev.jwrap.host.process.ChildReaper}), signals
 * ({@link dev.jwrap.host.process.ServerSignals}) and, for tcpd, replacing the JVM with the
 * daemon ({@link dev.jwrap.host.process.ProcessReplacer}). Linux with glibc 2.34+, 64-bit.
 */
package dev.jwrap.host.process;
