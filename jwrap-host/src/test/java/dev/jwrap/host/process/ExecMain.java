package dev.jwrap.host.process;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in its own JVM by {@link ProcessReplacerIT}: prints its pid, then replaces itself with a
 * shell that reports its pid, descriptors and environment on stdout (the pipe to the test).
 */
public final class ExecMain {

    private ExecMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("jvm=" + ProcessHandle.current().pid());
        System.out.flush();
        Path program = Path.of(args.length > 0 ? args[0] : "/bin/sh");
        String script = "echo pid=$$; /bin/ls /proc/$$/fd; /bin/readlink /proc/$$/fd/0; echo A=$A;"
                + " while IFS= read -r l; do case $l in SigBlk*|Umask*) echo \"$l\";; esac; done < /proc/$$/status";
        try {
            new ProcessReplacer(HelperPrograms.debian()).exec(
                    SpawnRequest.of(program, List.of("replaced", "-c", script), 1, List.of("A=1")).withUmask(0077));
        } catch (SpawnException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
