package dev.jwrap.core.policy;

/** Where a pattern is written, for diagnostics: table (or pattern file) name and line. */
public record PatternContext(String file, int line) {}
