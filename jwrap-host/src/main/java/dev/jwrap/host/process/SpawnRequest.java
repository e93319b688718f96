package dev.jwrap.host.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One program start: what to run, with which socket as standard input, output and error, and in
 * which environment and identity. Immutable; the {@code with...} methods return copies.
 *
 * @param program absolute path of the program, executed as is (no PATH search)
 * @param argv the complete argument vector, argv[0] included (inetd lets it differ from the path)
 * @param stdioFd the descriptor to place on fds 0, 1 and 2 (a connected socket, or for a
 *     {@code wait} service the listening or datagram socket), or {@link #NO_STDIO} for /dev/null;
 *     the caller keeps ownership and closes its copy after the spawn
 * @param environment the child's entire environment as {@code NAME=value} strings, in order
 * @param credentials the identity the program runs with
 * @param umask the child's file creation mask (inetd: 022)
 * @param nice the niceness increment applied before the program runs (0: none)
 * @param workingDirectory the child's working directory, or empty to inherit this process's
 */
public record SpawnRequest(Path program, List<String> argv, int stdioFd, List<String> environment,
        Credentials credentials, int umask, int nice, Optional<Path> workingDirectory) {

    /** {@link #stdioFd} value that connects fds 0, 1 and 2 to /dev/null (tcpd's {@code spawn} option). */
    public static final int NO_STDIO = -1;

    /** inetd's umask for every child (it calls {@code umask(022)} at start-up). */
    public static final int DEFAULT_UMASK = 0022;

    public SpawnRequest {
        Objects.requireNonNull(program, "program");
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("program must be an absolute path, got " + program);
        }
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must hold at least argv[0]");
        }
        if (stdioFd < NO_STDIO) {
            throw new IllegalArgumentException("stdioFd must be a descriptor or NO_STDIO, got " + stdioFd);
        }
        environment = List.copyOf(environment);
        for (String entry : environment) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entries are NAME=value, got \"" + entry + "\"");
            }
        }
        Objects.requireNonNull(credentials, "credentials");
        if (umask < 0 || umask > 0777) {
            throw new IllegalArgumentException("umask must be between 0 and 0777, got 0" + Integer.toOctalString(umask));
        }
        if (nice < -40 || nice > 40) {
            throw new IllegalArgumentException("nice increment must be between -40 and 40, got " + nice);
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        for (String arg : argv) {
            requireNoNul(arg, "argv");
        }
        for (String entry : environment) {
            requireNoNul(entry, "environment");
        }
    }

    /**
     * A request with inetd's defaults: the server's own identity, umask 022, no nice, working
     * directory inherited.
     */
    public static SpawnRequest of(Path program, List<String> argv, int stdioFd, List<String> environment) {
        return new SpawnRequest(program, argv, stdioFd, environment, Credentials.unchanged(), DEFAULT_UMASK, 0,
                Optional.empty());
    }

    public SpawnRequest withCredentials(Credentials newCredentials) {
        return new SpawnRequest(program, argv, stdioFd, environment, newCredentials, umask, nice, workingDirectory);
    }

    public SpawnRequest withUmask(int newUmask) {
        return new SpawnRequest(program, argv, stdioFd, environment, credentials, newUmask, nice, workingDirectory);
    }

    public SpawnRequest withNice(int newNice) {
        return new SpawnRequest(program, argv, stdioFd, environment, credentials, umask, newNice, workingDirectory);
    }

    public SpawnRequest withWorkingDirectory(Path directory) {
        return new SpawnRequest(program, argv, stdioFd, environment, credentials, umask, nice,
                Optional.of(directory));
    }

    private static void requireNoNul(String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " entries cannot contain NUL: \"" + s.replace('\0', '?') + "\"");
        }
    }
}
