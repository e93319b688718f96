package dev.jwrap.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** What every subcommand gets from the caller: the working directory and the output streams. */
record CliContext(Path cwd, PrintStream out, PrintStream err) {

    Path resolve(String path) {
        return cwd.resolve(path);
    }
}
