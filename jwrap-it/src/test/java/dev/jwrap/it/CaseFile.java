package dev.jwrap.it;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One differential test case: the files of a working directory and the tool runs made in it. The
 * text form is described in {@code src/test/resources/cases/README.md}; {@link CaseFileReader} parses
 * it and {@link CaseFileWriter} prints it.
 *
 * <p>{@value #DIR} in file contents, symlink targets and arguments stands for the absolute path of
 * the working directory (pattern files such as {@code /path/list} must be absolute).
 *
 * @param name a short name (the file name without {@code .case} for corpus files)
 * @param description the leading comment lines, without {@code #}
 * @param entries what to create in the working directory, in order
 * @param runs the tool invocations, each compared on its own
 */
record CaseFile(String name, List<String> description, List<Entry> entries, List<Invocation> runs) {

    /** Stands for the absolute path of the case's working directory. */
    static final String DIR = "${DIR}";

    CaseFile {
        Objects.requireNonNull(name, "name");
        description = List.copyOf(description);
        entries = List.copyOf(entries);
        runs = List.copyOf(runs);
    }

    /** The case in its text form (what jqwik shows for a falsified sample). */
    @Override
    public String toString() {
        return CaseFileWriter.write(this);
    }

    /** One thing to create in the working directory; paths are relative to it. */
    sealed interface Entry permits FileEntry, DirEntry, SymlinkEntry, ModeEntry {
        String path();
    }

    /** A regular file with exactly these bytes. */
    record FileEntry(String path, byte[] content) implements Entry {
        FileEntry {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileEntry f && f.path.equals(path) && Arrays.equals(f.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "FileEntry[" + path + ", " + content.length + " bytes]";
        }
    }

    /** An empty directory. */
    record DirEntry(String path) implements Entry {}

    /** A symbolic link; the target may dangle or loop. */
    record SymlinkEntry(String path, String target) implements Entry {}

    /** Permission bits applied after everything else was created. */
    record ModeEntry(String path, int mode) implements Entry {}

    /** One run of a tool with these arguments (after the program name). */
    record Invocation(Tool tool, List<String> args) {
        Invocation {
            args = List.copyOf(args);
        }

        /** The arguments with {@value CaseFile#DIR} replaced by {@code dir}. */
        List<String> argsIn(String dir) {
            return args.stream().map(a -> a.replace(DIR, dir)).toList();
        }

        @Override
        public String toString() {
            return tool.subcommand() + " " + String.join(" ", args);
        }
    }
}
