package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.testing.Tree;
import dev.jwrap.core.testing.ChildProcess;
import dev.jwrap.core.testing.Prerequisites;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with a POSIX ACL keeps it through harden and undo (spec §5.4), set and read back with the
 * real setfacl and getfacl. Skips without them (package acl), fails under {@code CI=true}.
 */
class HardenAclIT {

    @TempDir
    Path dir;

    private static String run(String... command) {
        ChildProcess.Outcome r = ChildProcess.run(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(30));
        assertThat(r.status()).as(String.join(" ", command) + ": " + r.stdout()).isZero();
        return r.stdout();
    }

    @Test
    void anAclSurvivesHardenAndUndo_andTheDistCopyHasItToo() throws Exception {
        Prerequisites.of("harden with ACLs")
                .executable("/usr/bin/setfacl", "apt-get install acl")
                .executable("/usr/bin/getfacl", "apt-get install acl")
                .require();
        new Tree(dir).file("etc/inetd.conf", HardenerTest.GOLDEN_INPUT).file("etc/hosts.deny", "ALL: ALL\n");
        Path conf = dir.resolve("etc/inetd.conf");
        run("setfacl", "-m", "u:65534:rw,g:65534:r", conf.toString());
        String acl = run("getfacl", "--omit-header", "--numeric", conf.toString());
        assertThat(acl).contains("user:65534:rw-", "group:65534:r--", "mask::rw-");

        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        Hardener hardener = new Hardener(KnowledgeBase.builtIn(), AdminSession.NONE, silent, silent, Clock.systemUTC());
        assertThat(hardener.harden(new HardenOptions(dir, false, Set.of(), Set.of(), List.of(), List.of(), false, false, false,
                false, LocalDate.parse("2026-11-23"), 0))).isEqualTo(Hardener.OK);

        assertThat(Files.readString(conf)).isEqualTo(HardenerTest.GOLDEN_OUTPUT);
        assertThat(run("getfacl", "--omit-header", "--numeric", conf.toString())).isEqualTo(acl);
        assertThat(run("getfacl", "--omit-header", "--numeric", dir.resolve("etc/inetd.conf.dist").toString())).isEqualTo(acl);

        assertThat(hardener.undo(dir, false, false)).isEqualTo(Hardener.OK);
        assertThat(Files.readString(conf)).isEqualTo(HardenerTest.GOLDEN_INPUT);
        assertThat(run("getfacl", "--omit-header", "--numeric", conf.toString())).isEqualTo(acl);
    }
}
