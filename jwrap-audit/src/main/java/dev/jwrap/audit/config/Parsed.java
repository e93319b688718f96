package dev.jwrap.audit.config;

import java.util.List;

/**
 * What a configuration reader found, and what it could not read: one {@code file:line: reason} (or
 * {@code file: reason}) per problem, never an exception. Immutable.
 *
 * @param items the entries, services or units found, in file order
 * @param problems what could not be read
 */
public record Parsed<T>(List<T> items, List<String> problems) {

    public Parsed {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
