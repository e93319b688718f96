package dev.jwrap.it;

import java.nio.file.Path;

/** A C tool from Debian's {@code tcpd} package and the {@code jwrap} subcommand that clones it. */
enum Tool {
    MATCH("match", Path.of("/usr/sbin/tcpdmatch")),
    CHECK("check", Path.of("/usr/sbin/tcpdchk"));

    private final String subcommand;
    private final Path executable;

    Tool(String subcommand, Path executable) {
        this.subcommand = subcommand;
        this.executable = executable;
    }

    /** The {@code jwrap} subcommand, which is also the directive naming a run in a case file. */
    String subcommand() {
        return subcommand;
    }

    /** The C program, the oracle. */
    Path executable() {
        return executable;
    }

    /**
     * Whether jwrap's exit status is the one it must give where the C tool gave {@code oracle}.
     * {@code match} keeps tcpdmatch's statuses; {@code check} deliberately refines tcpdchk's: its 0
     * ("ran") is 0 (clean) or 1 (findings), and its 1 (bad command line) is 2 (unusable input).
     */
    boolean exitStatusCorresponds(int oracle, int jwrap) {
        if (this == MATCH) {
            return oracle == jwrap;
        }
        return oracle == 0 ? jwrap == 0 || jwrap == 1 : oracle == 1 && jwrap == 2;
    }

    static Tool ofSubcommand(String name) {
        for (Tool tool : values()) {
            if (tool.subcommand.equals(name)) {
                return tool;
            }
        }
        throw new IllegalArgumentException("no tool for subcommand " + name);
    }
}
