package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A daemon or client list with its {@code EXCEPT} structure (spec §1.6): it matches when one of
 * the patterns before the first {@code EXCEPT} matches and the list after it does not. So
 * {@code a EXCEPT b EXCEPT c} is {@code a EXCEPT (b EXCEPT c)}, a list starting with
 * {@code EXCEPT} never matches, and a trailing {@code EXCEPT} excepts nothing.
 *
 * @param head the alternatives before the first EXCEPT
 * @param except the list after the first EXCEPT, or null when there is none
 */
public record PatternList<T>(List<T> head, PatternList<T> except) {

    public PatternList {
        head = List.copyOf(head);
    }

    /** Builds the list from tokens; {@code EXCEPT} is recognised in any letter case. */
    public static <T> PatternList<T> of(List<String> tokens, Function<String, T> compile) {
        List<T> head = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (Ascii.equalsIgnoreCase(tokens.get(i), "EXCEPT")) {
                return new PatternList<>(head, of(tokens.subList(i + 1, tokens.size()), compile));
            }
            head.add(compile.apply(tokens.get(i)));
        }
        return new PatternList<>(head, null);
    }

    /** Evaluates lazily and left to right, like libwrap's {@code list_match}. */
    public boolean matches(Predicate<T> matchOne) {
        for (T pattern : head) {
            if (matchOne.test(pattern)) {
                return except == null || !except.matches(matchOne);
            }
        }
        return false;
    }

    /** Whether the list is empty or ends in EXCEPT (tcpdchk warns about both). */
    public boolean isEmptyOrEndsInExcept() {
        PatternList<T> last = this;
        while (last.except != null) {
            last = last.except;
        }
        return last.head.isEmpty();
    }
}
