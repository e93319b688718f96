package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.Severity;
import java.util.ArrayList;
import java.util.List;

/** A growing list of findings, with the shapes that several reviews share. Not thread-safe. */
final class Findings {

    private final List<Finding> list = new ArrayList<>();

    void add(Finding f) {
        list.add(f);
    }

    /** A finding about a service the knowledge base judges. */
    void judged(String check, Severity severity, String title, String file, int line, String service, KbEntry kb,
            String fix, String... refs) {
        List<String> all = new ArrayList<>();
        all.add(kb.ref());
        all.addAll(List.of(refs));
        list.add(new Finding(check, severity, title, file, line, service, kb.risk(), kb.recommendation().word(), fix, all));
    }

    /** A finding that is not about a knowledge-base service. */
    void plain(String check, Severity severity, String title, String file, int line, String why, String fix) {
        list.add(new Finding(check, severity, title, file, line, null, why, "review", fix, List.of()));
    }

    /** A line that could not be read: {@code file:line: reason} from a reader. */
    void unreadable(String check, String problem) {
        int first = problem.indexOf(':');
        int second = first < 0 ? -1 : problem.indexOf(':', first + 1);
        String file = problem;
        int line = 0;
        if (second > first) {
            try {
                line = Integer.parseInt(problem.substring(first + 1, second));
                file = problem.substring(0, first);
            } catch (NumberFormatException e) {
                file = problem.substring(0, first);
            }
        }
        list.add(new Finding(check, Severity.LOW, problem, file, line, null,
                "the program that reads this file may read it differently, or not at all", "review", "correct the line", List.of()));
    }

    List<Finding> list() {
        return list;
    }
}
