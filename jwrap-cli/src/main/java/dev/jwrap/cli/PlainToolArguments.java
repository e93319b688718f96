package dev.jwrap.cli;

import java.util.concurrent.Callable;

/**
 * The command lines of {@code jwrap match} and {@code jwrap check} as they are usually typed
 * (tcpdmatch's and tcpdchk's flags, each on its own, and match's two operands), parsed without
 * picocli. These commands run for milliseconds, and building picocli's model of the whole command
 * tree costs several times what the answer does: picocli's classes cannot even go into the AOT
 * cache. Anything else (help, version, a clustered or unknown flag, a missing operand, an
 * {@code @file}, {@code --}) is left to picocli, so its messages and exit statuses stay the only
 * ones users see for a line that is not plain.
 */
final class PlainToolArguments {

    private PlainToolArguments() {}

    /** The command {@code args} name, its options set, or null when picocli has to parse them. */
    static Callable<Integer> parse(CliContext context, String... args) {
        if (args.length == 0) {
            return null;
        }
        return switch (args[0]) {
            case "match" -> match(context, args);
            case "check" -> check(context, args);
            default -> null;
        };
    }

    private static MatchCommand match(CliContext context, String[] args) {
        MatchCommand command = new MatchCommand(context);
        int operands = 0;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-d" -> command.currentDirectory = true;
                case "--explain" -> command.explain = true;
                case "--json" -> command.json = true;
                case "-i" -> {
                    if (!isPlainValue(args, i + 1)) {
                        return null;
                    }
                    command.inetConf = args[++i];
                }
                default -> {
                    if (!isPlainValue(args, i)) {
                        return null;
                    }
                    switch (operands++) {
                        case 0 -> command.daemon = arg;
                        case 1 -> command.client = arg;
                        default -> {
                            return null;
                        }
                    }
                }
            }
        }
        return operands == 2 ? command : null;
    }

    private static CheckCommand check(CliContext context, String[] args) {
        CheckCommand command = new CheckCommand(context);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "-a" -> command.implicitAllow = true;
                case "-d" -> command.currentDirectory = true;
                case "-l", "--lint" -> command.lint = true;
                case "-v" -> command.verbose = true;
                case "--json" -> command.json = true;
                case "-i" -> {
                    if (!isPlainValue(args, i + 1)) {
                        return null;
                    }
                    command.inetConf = args[++i];
                }
                default -> {
                    return null;
                }
            }
        }
        return command;
    }

    /**
     * Whether {@code args[i]} exists and picocli would take it as it is: not empty, not
     * option-like, not an {@code @file} that picocli would expand.
     */
    private static boolean isPlainValue(String[] args, int i) {
        if (i >= args.length) {
            return false;
        }
        String arg = args[i];
        return !arg.isEmpty() && arg.charAt(0) != '-' && arg.charAt(0) != '@';
    }
}
