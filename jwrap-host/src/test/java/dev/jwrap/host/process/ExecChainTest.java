package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecChainTest {

    private final ExecChain chain = new ExecChain(HelperPrograms.debian());
    private final SpawnRequest finger = SpawnRequest.of(Path.of("/usr/sbin/in.fingerd"),
            List.of("in.fingerd", "-w"), 7, List.of());

    @Test
    void rootEntryIsSpawnedDirectlyWithItsOwnArgv0() {
        ExecChain.Invocation plan = chain.plan(finger, 0022);
        assertThat(plan.chained()).isFalse();
        assertThat(plan.executable()).isEqualTo(Path.of("/usr/sbin/in.fingerd"));
        assertThat(plan.argv()).containsExactly("in.fingerd", "-w");
    }

    @Test
    void userSwitchGoesThroughSetprivAndPerlForArgv0() {
        ExecChain.Invocation plan = chain.plan(
                finger.withCredentials(new Credentials.SwitchUser(65534, 65534, List.of(65534, 4))), 0022);
        assertThat(plan.executable()).isEqualTo(Path.of("/usr/bin/setpriv"));
        assertThat(plan.argv()).containsExactly("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--groups=65534,4", "--", "/usr/bin/perl", "-e", ExecChain.PERL_EXEC, "022",
                "/usr/sbin/in.fingerd", "in.fingerd", "-w");
    }

    @Test
    void argv0EqualToThePathNeedsNoPerl() {
        SpawnRequest request = SpawnRequest.of(Path.of("/bin/cat"), List.of("/bin/cat", "-u"), 7, List.of())
                .withCredentials(new Credentials.SwitchUser(1, 1, List.of()));
        assertThat(chain.plan(request, 0022).argv()).containsExactly("/usr/bin/setpriv", "--reuid=1", "--regid=1",
                "--clear-groups", "--", "/bin/cat", "-u");
    }

    @Test
    void groupOnlyKeepsTheGroupList() {
        ExecChain.Invocation plan = chain.plan(finger.withCredentials(new Credentials.GroupOnly(1)), 0022);
        assertThat(plan.argv()).startsWith("/usr/bin/setpriv", "--regid=1", "--keep-groups", "--", "/usr/bin/perl");
    }

    @Test
    void niceComesFirstSoNegativeIncrementsWorkBeforeTheDrop() {
        ExecChain.Invocation plan = chain.plan(
                finger.withNice(-5).withCredentials(new Credentials.SwitchUser(1, 1, List.of())), 0022);
        assertThat(plan.argv()).startsWith("/usr/bin/nice", "-n", "-5", "/usr/bin/setpriv");
    }

    @Test
    void otherUmaskAloneUsesPerl() {
        ExecChain.Invocation plan = chain.plan(finger.withUmask(0077), 0022);
        assertThat(plan.argv()).containsExactly("/usr/bin/perl", "-e", ExecChain.PERL_EXEC, "077",
                "/usr/sbin/in.fingerd", "in.fingerd", "-w");
    }

    @Test
    void largeIdsAreUnsigned() {
        ExecChain.Invocation plan = chain.plan(finger.withCredentials(new Credentials.GroupOnly(-2)), 0022);
        assertThat(plan.argv()).contains("--regid=4294967294");
    }
}
