package dev.jwrap.audit.export;

import java.util.List;

/**
 * The clients a rule matches, as address blocks: every client ({@code any}) or the
 * {@code include} blocks, minus the {@code exclude} blocks (a client-list {@code EXCEPT}).
 *
 * @param any whether the head of the list matches every client
 * @param include the blocks of the head (empty when {@code any})
 * @param exclude the blocks after {@code EXCEPT}
 */
public record ClientSet(boolean any, List<Cidr> include, List<Cidr> exclude) {

    public ClientSet {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The included blocks of one family. */
    public List<Cidr> include(boolean v6) {
        return include.stream().filter(c -> c.v6() == v6).toList();
    }

    /** The excluded blocks of one family. */
    public List<Cidr> exclude(boolean v6) {
        return exclude.stream().filter(c -> c.v6() == v6).toList();
    }

    /** Whether no address needs matching at all. */
    public boolean everyone() {
        return any && exclude.isEmpty();
    }

    /** Whether some client of this family can match. */
    public boolean reaches(boolean v6) {
        return any || !include(v6).isEmpty();
    }
}
