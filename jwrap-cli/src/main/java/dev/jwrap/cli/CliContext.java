package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What every subcommand gets from the caller: the working directory, the output streams, and
 * the lookup services (created on first use: the system resolver is only loaded when needed).
 */
record CliContext(Path cwd, PrintStream out, PrintStream err, Supplier<LookupServices> servicesFactory) {

    LookupServices services() {
        return servicesFactory.get();
    }
}
