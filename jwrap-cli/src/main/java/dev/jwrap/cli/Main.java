package dev.jwrap.cli;

import java.nio.file.Path;

/** The {@code jwrap} command's entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int status = Jwrap.run(Path.of("").toAbsolutePath(), System.out, System.err, args);
        if (QuickExit.hookFree(args)) {
            QuickExit.halt(status);
        }
        System.out.flush();
        System.exit(status);
    }
}
