package dev.jwrap.audit.harden;

import dev.jwrap.audit.kb.KnowledgeBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** {@code harden ROOT CRASH_AFTER} or {@code undo ROOT} in a process of its own, for the crash tests. */
public final class HardenMain {

    private HardenMain() {}

    public static void main(String[] args) {
        Hardener h = new Hardener(KnowledgeBase.builtIn(), AdminSession.NONE, System.out, System.err, Clock.systemUTC());
        Path root = Path.of(args[1]);
        int status = switch (args[0]) {
            case "harden" -> h.harden(new HardenOptions(root, false, Set.of(), Set.of(), List.of(), List.of(), false,
                    LocalDate.parse("2026-11-23"), Integer.parseInt(args[2])));
            case "undo" -> h.undo(root, false, false);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.flush();
        System.exit(status);
    }
}
