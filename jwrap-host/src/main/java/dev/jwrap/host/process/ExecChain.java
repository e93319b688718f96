package dev.jwrap.host.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a {@link SpawnRequest} into the one program posix_spawn starts and its argv. When the
 * request needs nothing posix_spawn cannot do, that is the program itself with the exact argv.
 * Otherwise helper stages are chained, each exec'ing the next, in this order (inetd.md §9.5):
 * <ol>
 *   <li>{@code nice -n N} while still privileged, so negative increments work;</li>
 *   <li>{@code setpriv --reuid --regid --groups|--clear-groups|--keep-groups}, the credential
 *       change (root entries without a group need none, as in inetd);</li>
 *   <li>{@code perl -e SCRIPT}: sets the umask and execs the program with the configured argv[0],
 *       which a program started by setpriv or nice would otherwise lose.</li>
 * </ol>
 * None of the stages touches the environment or the descriptors. Stateless.
 */
final class ExecChain {

    /**
     * Sets the umask from its first argument, then execs the path in the second with the rest as
     * the complete argv. Silent on failure (stderr is the client's socket); exit 127 like a shell.
     */
    static final String PERL_EXEC = "umask oct shift; $p = shift; exec {$p} @ARGV; exit 127";

    /** What to hand to posix_spawn. */
    record Invocation(Path executable, List<String> argv, boolean chained) {}

    private final HelperPrograms helpers;

    ExecChain(HelperPrograms helpers) {
        this.helpers = helpers;
    }

    /**
     * @param processUmask the umask this process has, which a directly spawned child inherits
     */
    Invocation plan(SpawnRequest request, int processUmask) {
        List<String> stages = new ArrayList<>();
        if (request.nice() != 0) {
            stages.addAll(List.of(helpers.nice().toString(), "-n", Integer.toString(request.nice())));
        }
        stages.addAll(credentialStage(request.credentials()));
        boolean exactArgv0 = request.argv().getFirst().equals(request.program().toString());
        boolean needPerl = request.umask() != processUmask || (!stages.isEmpty() && !exactArgv0);
        if (stages.isEmpty() && !needPerl) {
            return new Invocation(request.program(), request.argv(), false);
        }
        if (needPerl) {
            stages.addAll(List.of(helpers.perl().toString(), "-e", PERL_EXEC,
                    "0" + Integer.toOctalString(request.umask()), request.program().toString()));
            stages.addAll(request.argv());
        } else {
            stages.add(request.program().toString());
            stages.addAll(request.argv().subList(1, request.argv().size()));
        }
        return new Invocation(Path.of(stages.getFirst()), List.copyOf(stages), true);
    }

    private List<String> credentialStage(Credentials credentials) {
        String setpriv = helpers.setpriv().toString();
        // instanceof, not a pattern switch: its bootstrap generates a class at run time that no
        // AOT cache keeps, ≈ 1 ms of jwrap tcpd's way to exec (docs/PERFORMANCE.md §9)
        if (credentials instanceof Credentials.GroupOnly g) {
            return List.of(setpriv, "--regid=" + Integer.toUnsignedString(g.gid()), "--keep-groups", "--");
        }
        if (credentials instanceof Credentials.SwitchUser s) {
            return List.of(setpriv, "--reuid=" + Integer.toUnsignedString(s.uid()),
                    "--regid=" + Integer.toUnsignedString(s.gid()),
                    groupsOption(s.groups()), "--");
        }
        return List.of(); // Unchanged
    }

    private static String groupsOption(List<Integer> groups) {
        if (groups.isEmpty()) {
            return "--clear-groups";
        }
        return groups.stream().map(Integer::toUnsignedString).collect(Collectors.joining(",", "--groups=", ""));
    }
}
