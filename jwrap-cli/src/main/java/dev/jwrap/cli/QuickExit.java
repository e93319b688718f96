package dev.jwrap.cli;

/**
 * Ends a short-lived command's JVM with its status. {@link System#exit} first asks the JDK's
 * System.Logger whether to log the exit (JDK 21+), and finding a logger backend scans the class
 * path for a service: it opens jwrap.jar, thousands of entries, which the AOT cache had spared the
 * whole run (≈ 5 ms of a 50 ms {@code jwrap check}, docs/PERFORMANCE.md §9). {@link Runtime#halt}
 * skips that and the shutdown hooks; the commands that end here register none, so only the
 * standard streams need flushing first.
 */
final class QuickExit {

    private QuickExit() {}

    /** Flushes stdout and stderr, then halts with {@code status}. */
    static void halt(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** Whether {@code args} run a command that may end through {@link #halt}: match and check. */
    static boolean hookFree(String... args) {
        return args.length > 0 && (args[0].equals("match") || args[0].equals("check"));
    }
}
