package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prints how long spawns take (no assertion on the figures: two shared cores make them noisy).
 * "spawn" is the posix_spawn call as the supervisor sees it; "to exit" adds the program's run
 * and the reaping of /bin/true, i.e. the whole life of a trivial service.
 */
class SpawnTimingIT {

    private static final int RUNS = 200;

    private final PosixSpawnLauncher launcher = new PosixSpawnLauncher();

    @Test
    void printSpawnTimes() throws Exception {
        SpawnRequest direct = SpawnRequest.of(Path.of("/bin/true"), List.of("true"), SpawnRequest.NO_STDIO, List.of());
        measure("direct /bin/true", direct);
        if ("root".equals(System.getProperty("user.name"))) {
            measure("as nobody (setpriv + perl)", direct.withCredentials(new Credentials.SwitchUser(65534, 65534,
                    List.of(65534))));
            measure("as nobody, argv[0] = path (setpriv only)",
                    SpawnRequest.of(Path.of("/bin/true"), List.of("/bin/true"), SpawnRequest.NO_STDIO, List.of())
                            .withCredentials(new Credentials.SwitchUser(65534, 65534, List.of(65534))));
        }
        measure("direct /bin/true, again after warm-up", direct);
    }

    private void measure(String label, SpawnRequest request) throws Exception {
        try (ChildReaper reaper = new ChildReaper(java.time.Duration.ofMillis(1))) {
            for (int i = 0; i < 20; i++) { // warm-up: class loading, JIT of the downcalls
                runOnce(reaper, request);
            }
            long spawnNanos = 0;
            long start = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                spawnNanos += runOnce(reaper, request);
            }
            long total = System.nanoTime() - start;
            System.out.printf("spawn timing, %s: posix_spawn call %.0f us, spawn to reaped exit %.0f us (mean of %d)%n",
                    label, spawnNanos / 1e3 / RUNS, total / 1e3 / RUNS, RUNS);
        }
    }

    private long runOnce(ChildReaper reaper, SpawnRequest request) throws Exception {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        long t0 = System.nanoTime();
        int pid = launcher.spawn(request);
        long t1 = System.nanoTime();
        reaper.watch(pid, exit::complete);
        assertThat(exit.get(10, TimeUnit.SECONDS).success()).isTrue();
        return t1 - t0;
    }
}
