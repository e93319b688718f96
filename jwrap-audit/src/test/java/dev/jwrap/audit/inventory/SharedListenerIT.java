package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A listening socket inherited by a child (as inetd hands its sockets to the servers it forks): the
 * owner is the parent, and both hold it. The two processes are a small Python program the test
 * starts; it prints the port and both pids, then waits for its standard input to close.
 */
class SharedListenerIT {

    private static final String PROGRAM = """
            import os, socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
            child = os.fork()
            if child == 0:
                sys.stdin.read(); os._exit(0)
            print(s.getsockname()[1], os.getpid(), child, flush=True)
            sys.stdin.read(); os.waitpid(child, 0)
            """;

    @Test
    void theParentOwnsASocketItsChildInherited() throws Exception {
        Prerequisites.of("a shared listener").executable("/usr/bin/python3", "apt-get install python3").require();
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PROGRAM).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine().split(" ");
            int port = Integer.parseInt(line[0]);
            int parent = Integer.parseInt(line[1]);
            int child = Integer.parseInt(line[2]);

            Optional<Listener> l = new InventoryReader(Path.of("/")).read().listeners().stream()
                    .filter(x -> x.transport() == Transport.TCP && x.port() == port && x.addressText().equals("127.0.0.1"))
                    .findFirst();

            assertThat(l).hasValueSatisfying(x -> {
                assertThat(x.owner().pid()).isEqualTo(parent);
                assertThat(x.holders()).extracting(ProcessInfo::pid).containsExactly(parent, child);
                assertThat(x.owner().comm()).startsWith("python3");
            });
        } finally {
            p.getOutputStream().close(); // both processes end when their standard input closes
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
