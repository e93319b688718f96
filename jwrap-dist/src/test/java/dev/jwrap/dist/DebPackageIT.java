package dev.jwrap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build makes (target/deb), checked from outside with Debian's tools (dpkg-deb,
 * lintian), then installed with dpkg into a throw-away root ({@link ThrowAwayRoot}) and used from
 * there: the installed launchers, runtime, AOT caches, man pages, completion and systemd units.
 * What every subcommand does on the installed runtime is {@link InstalledCommandsIT}.
 */
class DebPackageIT {

    private static final Path CLI_TARGET = Path.of("..", "jwrap-cli", "target").toAbsolutePath().normalize();

    /** Modules jdeps finds that only optional parts of Jackson use; build-deb.sh leaves them out. */
    private static final Set<String> NOT_BUNDLED = Set.of("java.desktop", "java.sql");

    private static final Map<String, String> PLAIN_MAN =
            Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8", "MANPAGER", "cat", "PAGER", "cat");

    static Path deb;
    static ThrowAwayRoot installed;

    @BeforeAll
    static void installIntoAThrowAwayRoot() throws IOException {
        Commands.require("dpkg-deb", "dpkg");
        deb = Packages.built();
        installed = Packages.installed();
    }

    @Test
    void contents_areTheLaunchersRuntimeJarCachesManPagesCompletionUnitsAndExampleConfig() throws IOException {
        Set<String> files = Arrays.stream(dpkgDeb("--contents").split("\n"))
                .map(line -> line.substring(line.indexOf("./") + 1).replaceAll(" -> .*$", ""))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(files)
                .contains(
                        "/usr/bin/jwrap",
                        "/usr/sbin/jwrap-tcpd",
                        "/usr/lib/jwrap/runtime/bin/java",
                        "/usr/lib/jwrap/runtime/lib/modules",
                        "/usr/lib/jwrap/jwrap.jar",
                        "/usr/lib/jwrap/libjwrap.so",
                        "/usr/lib/jwrap/jwrap-tcpd.aot",
                        "/usr/lib/jwrap/jwrap-audit.aot",
                        "/usr/share/bash-completion/completions/jwrap",
                        "/usr/lib/systemd/system/jwrap-inetd.service",
                        "/usr/lib/systemd/system/jwrap-inetd.socket",
                        "/usr/lib/systemd/system/jwrap-guard.service",
                        "/etc/jwrap/guard.conf",
                        "/usr/share/doc/jwrap/copyright",
                        "/usr/share/doc/jwrap/changelog.Debian.gz",
                        "/usr/share/man/man5/jwrap-hosts_access.5.gz",
                        "/usr/share/man/man5/jwrap-inetd.conf.5.gz",
                        "/usr/share/man/man5/jwrap-guard.conf.5.gz")
                .containsAll(builtPages("man1"))
                .containsAll(builtPages("man5"));
        // a runtime for running, not for building: no headers, no man pages, no tools besides java
        assertThat(files)
                .noneMatch(f -> f.startsWith("/usr/lib/jwrap/runtime/include/"))
                .noneMatch(f -> f.startsWith("/usr/lib/jwrap/runtime/man/"))
                .filteredOn(f -> f.startsWith("/usr/lib/jwrap/runtime/bin/") && !f.endsWith("/"))
                .containsExactly("/usr/lib/jwrap/runtime/bin/java");
    }

    @Test
    void launchers_runTheJvmWithTheSourceTreesFlagFiles() throws IOException {
        Path flags = CLI_TARGET.resolveSibling("src").resolve("main/launcher");
        try (Stream<Path> files = Files.list(flags)) {
            List<Path> argFiles = files.filter(f -> f.toString().endsWith(".args")).toList();
            assertThat(argFiles).isNotEmpty();
            for (Path file : argFiles) {
                assertThat(installed.path("/usr/lib/jwrap/" + file.getFileName())).hasSameTextualContentAs(file);
            }
        }
        assertThat(Files.readString(installed.path("/usr/bin/jwrap"))).contains("@\"$lib/$flags\"");
        assertThat(Files.readString(installed.path("/usr/sbin/jwrap-tcpd"))).contains("@\"$lib/tool.args\" @\"$lib/quiet.args\"");
    }

    @Test
    void control_dependsOnTheCLibraryOnly_andKeepsTheExampleConfigAsAConffile(@TempDir Path dir) throws IOException {
        ChildProcess.Outcome control = Commands.run(dir, List.of("dpkg-deb", "--control", deb.toString(), "DEBIAN"));
        assertThat(control.status()).as(control.all()).isZero();

        String fields = Files.readString(dir.resolve("DEBIAN/control"));
        assertThat(fields).containsPattern("(?m)^Package: jwrap$").containsPattern("(?m)^Depends: libc6 \\(>= [0-9.]+\\)$");
        assertThat(fields.toLowerCase()).doesNotContain("openjdk", "java-runtime", "default-jre");
        assertThat(Files.readString(dir.resolve("DEBIAN/conffiles"))).isEqualTo("/etc/jwrap/guard.conf\n");
    }

    @Test
    void lintian_reportsNoErrorAndNoWarning() {
        Commands.require("lintian", "lintian");

        ChildProcess.Outcome lintian = Commands.run(
                deb.getParent(), List.of("lintian", "--fail-on", "error,warning", "--no-tag-display-limit", deb.toString()));

        assertThat(lintian.all()).doesNotContainPattern("(?m)^[EW]: ");
        assertThat(lintian.status()).as(lintian.all()).isZero();
    }

    @Test
    void runtime_holdsExactlyTheModulesJdepsFinds_lessJacksonsOptionalOnes() {
        Path jdeps = Path.of(System.getProperty("jwrap.jdk", System.getProperty("java.home")), "bin", "jdeps");
        ChildProcess.Outcome found = Commands.run(installed.dir(), List.of(jdeps.toString(), "--multi-release", "25",
                "--ignore-missing-deps", "--print-module-deps", installed.path("/usr/lib/jwrap/jwrap.jar").toString()));
        assertThat(found.status()).as(found.all()).isZero();
        Set<String> expected = Arrays.stream(found.stdout().strip().split(","))
                .filter(m -> !NOT_BUNDLED.contains(m))
                .collect(Collectors.toCollection(TreeSet::new));

        ChildProcess.Outcome listed = Commands.run(installed.dir(),
                List.of(installed.path("/usr/lib/jwrap/runtime/bin/java").toString(), "--list-modules"));

        Set<String> modules = listed.stdout().lines().map(l -> l.replaceAll("@.*$", "")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(modules).isEqualTo(expected);
    }

    @Test
    void aotCaches_fitTheInstalledRuntimeAndJar(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 192.168.1.0/24\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");
        // -XX:AOTMode=on turns a cache the JVM cannot use (another runtime, a jar with another size or
        // mtime, other flags) from a silent fallback into an error
        Map<String, String> strict = Map.of("JWRAP_JAVA_OPTS", "-XX:AOTMode=on");

        for (List<String> command : List.of(List.of("match", "-d", "sshd", "192.168.1.7"), List.of("check", "-d"),
                List.of("audit", "--help"), List.of("--version"))) {
            List<String> line = new ArrayList<>(List.of(launcher()));
            line.addAll(command);
            ChildProcess.Outcome run = Commands.run(dir, strict, line);
            // the JVM's own exit status for an unusable cache is 1, as is check's for a finding: stderr tells
            assertThat(run.stderr()).as("jwrap %s", command).doesNotContain("Unable to use AOT cache");
            assertThat(run.status()).as("jwrap %s: %s", command, run.all()).isBetween(0, 1);
        }
    }

    @Test
    void installedJwrap_checksAndMatchesTheTablesOfTheCurrentDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hosts.allow"), "sshd: 192.168.1.0/24\nsshd 10.0.0.1\n");
        Files.writeString(dir.resolve("hosts.deny"), "ALL: ALL\n");

        ChildProcess.Outcome check = Commands.run(dir, List.of(launcher(), "check", "-d"));
        ChildProcess.Outcome granted = Commands.run(dir, List.of(launcher(), "match", "-d", "sshd", "192.168.1.7"));
        ChildProcess.Outcome denied = Commands.run(dir, List.of(launcher(), "match", "-d", "sshd", "10.9.9.9"));

        assertThat(check.stderr()).contains("hosts.allow, line 2: missing \":\" separator");
        assertThat(check.status()).isEqualTo(1);
        assertThat(granted.stdout()).containsPattern("(?m)^access: +granted$");
        assertThat(denied.stdout()).containsPattern("(?m)^access: +denied$");
    }

    @Test
    void manPages_renderFromTheInstalledTree_byNameAndByFile() {
        Commands.require("man", "man-db");
        Map<String, String> env = new java.util.HashMap<>(PLAIN_MAN);
        env.put("MANPATH", installed.path("/usr/share/man").toString());

        ChildProcess.Outcome byName = Commands.run(installed.dir(), env, List.of("man", "jwrap-match"));
        assertThat(byName.status()).as(byName.all()).isZero();
        assertThat(byName.stdout()).contains("jwrap-match - ").contains("tcpdmatch");

        for (String page : List.of("man5/jwrap-hosts_access.5.gz", "man5/jwrap-inetd.conf.5.gz", "man5/jwrap-guard.conf.5.gz")) {
            Path file = installed.path("/usr/share/man/" + page);
            ChildProcess.Outcome man = Commands.run(installed.dir(), PLAIN_MAN, List.of("man", "-l", file.toString()));
            String name = page.substring("man5/".length(), page.length() - ".5.gz".length());
            assertThat(man.status()).as(man.all()).isZero();
            assertThat(man.stdout()).contains(name + " - ").contains(name.toUpperCase() + "(5)");
        }
    }

    @Test
    void completion_isABashScriptThatCompletesJwrap() {
        Path script = installed.path("/usr/share/bash-completion/completions/jwrap");

        ChildProcess.Outcome bash = Commands.run(installed.dir(), List.of("bash", "-c", "source \"$1\" && complete -p jwrap", "bash", script.toString()));

        assertThat(bash.status()).as(bash.all()).isZero();
        assertThat(bash.stdout()).contains("complete", "jwrap");
    }

    @Test
    void systemdUnits_passSystemdsOwnChecks_withTheInstalledLauncher(@TempDir Path dir) throws IOException {
        Commands.require("systemd-analyze", "systemd");
        // verify insists that ExecStart= is executable; --root would also want a whole system (sysinit.target,
        // /bin/kill) in the throw-away root, so the units point at the launcher where dpkg put it instead
        List<String> units = List.of("jwrap-inetd.socket", "jwrap-inetd.service", "jwrap-guard.service");
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        for (String unit : units) {
            String text = Files.readString(installed.path("/usr/lib/systemd/system/" + unit));
            Files.writeString(dir.resolve(unit), text.replace("ExecStart=/usr/bin/jwrap ", "ExecStart=" + launcher() + " "));
            command.add(dir.resolve(unit).toString());
        }
        assertThat(Files.readString(dir.resolve("jwrap-guard.service")))
                .contains("ExecStart=" + launcher() + " guard --config /etc/jwrap/guard.conf")
                .contains("DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet=");

        ChildProcess.Outcome verify = Commands.run(dir, Map.of("SYSTEMD_LOG_LEVEL", "notice"), command);

        assertThat(verify.all()).isEmpty();
        assertThat(verify.status()).isZero();
        // systemd's own rating of the sandboxing (0 = fully confined, 10 = none): the guard needs almost
        // nothing, the super-server keeps what spawning services as other users takes
        assertThat(exposure(dir.resolve("jwrap-guard.service"))).isLessThanOrEqualTo(2.5);
        assertThat(exposure(dir.resolve("jwrap-inetd.service"))).isLessThanOrEqualTo(5.0);
    }

    /** The "overall exposure level" {@code systemd-analyze security --offline} gives a unit file. */
    private static double exposure(Path unit) {
        ChildProcess.Outcome security = Commands.run(unit.getParent(), Map.of("SYSTEMD_LOG_LEVEL", "notice", "SYSTEMD_COLORS", "0"),
                List.of("systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString()));
        Matcher level =
                Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)").matcher(security.stdout());
        assertThat(level.find()).as("exposure of %s in:%n%s", unit, security.all()).isTrue();
        return Double.parseDouble(level.group(1));
    }

    @Test
    void remove_keepsTheAdministratorsEditedConffile(@TempDir Path dir) throws IOException {
        ThrowAwayRoot machine = ThrowAwayRoot.create(dir);
        machine.install(deb);
        Path conf = machine.path("/etc/jwrap/guard.conf");
        String edited = Files.readString(conf) + "service sshd listen *:2222 to 127.0.0.1:22\n";
        Files.writeString(conf, edited);

        machine.remove("jwrap");

        assertThat(machine.path("/usr/bin/jwrap")).doesNotExist();
        assertThat(machine.path("/usr/lib/jwrap")).doesNotExist();
        assertThat(conf).hasContent(edited);
    }

    private static List<String> builtPages(String section) throws IOException {
        try (Stream<Path> pages = Files.list(CLI_TARGET.resolve("man").resolve(section))) {
            List<String> names = pages.map(p -> "/usr/share/man/" + section + "/" + p.getFileName() + ".gz").toList();
            assertThat(names).as("pages in %s", section).isNotEmpty();
            return names;
        }
    }

    private static String dpkgDeb(String action) {
        ChildProcess.Outcome run = Commands.run(deb.getParent(), List.of("dpkg-deb", action, deb.toString()));
        assertThat(run.status()).as(run.all()).isZero();
        return run.stdout();
    }

    private static String launcher() {
        return installed.path("/usr/bin/jwrap").toString();
    }
}
