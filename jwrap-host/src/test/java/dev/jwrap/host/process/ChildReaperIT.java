package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real children: exit statuses reach the callback and no zombie is left behind. */
class ChildReaperIT {

    private static final Path SH = Path.of("/bin/sh");

    private final PosixSpawnLauncher launcher = new PosixSpawnLauncher();

    private int spawnShell(String script) throws SpawnException {
        return launcher.spawn(SpawnRequest.of(SH, List.of("sh", "-c", script), SpawnRequest.NO_STDIO, List.of()));
    }

    /** The state letter in /proc/PID/stat, or null when the pid is gone. */
    private static String state(int pid) throws IOException {
        Path stat = Path.of("/proc", Integer.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return null;
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
    }

    @Test
    void exitCodeReachesTheCallbackAndTheZombieIsGone() throws Exception {
        try (ChildReaper reaper = new ChildReaper(Duration.ofMillis(50))) {
            int pid = spawnShell("exit 3");
            // Until someone waits, a dead child stays a zombie (what ProcessHandle.onExit would leave).
            for (int i = 0; i < 100 && !"Z".equals(state(pid)); i++) {
                Thread.sleep(20);
            }
            assertThat(state(pid)).isEqualTo("Z");

            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            reaper.watch(pid, exit::complete);
            ExitStatus status = exit.get(10, TimeUnit.SECONDS);

            assertThat(status.exited()).isTrue();
            assertThat(status.exitCode()).isEqualTo(3);
            assertThat(status.describe()).isEqualTo("exit status 3");
            assertThat(state(pid)).isNull();
            assertThat(reaper.running()).isZero();
        }
    }

    @Test
    void killedChildReportsTheSignal() throws Exception {
        try (ChildReaper reaper = new ChildReaper(Duration.ofMillis(50))) {
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            reaper.watch(spawnShell("kill -9 $$"), exit::complete);
            ExitStatus status = exit.get(10, TimeUnit.SECONDS);

            assertThat(status.signaled()).isTrue();
            assertThat(status.signal()).isEqualTo(9);
            assertThat(status.describe()).isEqualTo("exit signal 9");
        }
    }

    @Test
    void sigchldWakesTheReaperWithoutWaitingForTheSweep() throws Exception {
        // A sweep interval of an hour: only the SIGCHLD route can deliver the exit in time.
        try (ChildReaper reaper = new ChildReaper(Duration.ofHours(1));
                ServerSignals signals = ServerSignals.install(() -> {}, () -> {}, reaper::wake)) {
            int pid = spawnShell("sleep 0.5; exit 7");
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            reaper.watch(pid, exit::complete);
            assertThat(reaper.running()).isEqualTo(1);

            assertThat(exit.get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(7);
            assertThat(state(pid)).isNull();
        }
    }

    @Test
    void manyChildrenAreAllReaped() throws Exception {
        try (ChildReaper reaper = new ChildReaper(Duration.ofMillis(20))) {
            List<CompletableFuture<ExitStatus>> exits = new java.util.ArrayList<>();
            List<Integer> pids = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
                int pid = spawnShell("exit " + i);
                reaper.watch(pid, exit::complete);
                exits.add(exit);
                pids.add(pid);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(exits.get(i).get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(i);
                assertThat(state(pids.get(i))).isNull();
            }
        }
    }

    @Test
    void aThrowingCallbackDoesNotStopReaping() throws Exception {
        try (ChildReaper reaper = new ChildReaper(Duration.ofMillis(20))) {
            reaper.watch(spawnShell("exit 0"), s -> {
                throw new IllegalStateException("callback failure (expected in this test)");
            });
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            reaper.watch(spawnShell("sleep 0.2; exit 5"), exit::complete);
            assertThat(exit.get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(5);
        }
    }
}
