package dev.jwrap.audit.harden;

import dev.jwrap.audit.kb.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code harden ROOT CRASH_AFTER [--wrap] [--reload] [--admin-net NET]} or {@code undo ROOT} in a
 * process of its own, for the crash, read-only and reload tests. ROOT {@code /} is the live system.
 */
public final class HardenMain {

    private HardenMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        AdminSession session = Files.isSameFile(root, Path.of("/")) ? AdminSession.detect(System.getenv(), Path.of("/proc"))
                : AdminSession.NONE;
        Hardener h = new Hardener(KnowledgeBase.builtIn(), session, System.out, System.err, Clock.systemUTC());
        int status = switch (args[0]) {
            case "harden" -> {
                List<String> flags = List.of(args).subList(3, args.length);
                List<ClientNet> admin = new ArrayList<>();
                int i = flags.indexOf("--admin-net");
                if (i >= 0) {
                    admin.add(ClientNet.parse(flags.get(i + 1)));
                }
                yield h.harden(new HardenOptions(root, false, Set.of(), Set.of(), List.of(), admin, false,
                        flags.contains("--wrap"), flags.contains("--reload"), false, LocalDate.parse("2026-11-23"),
                        Integer.parseInt(args[2])));
            }
            case "undo" -> h.undo(root, false, false);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.flush();
        System.exit(status);
    }
}
