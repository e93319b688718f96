package dev.jwrap.audit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.testing.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harden --reload} on a live root against a real openbsd-inetd and a real xinetd (spec §5.7). Everything runs in
 * private mount and network namespaces: overlays over /etc and /var/lib take harden's writes, a
 * tmpfs over /run takes the pid file, and the namespace's own loopback carries inetd's
 * listeners (so the classic ports 13 and 23 are free and nothing outside can connect). The host's
 * files are compared before and after. Root only; under {@code CI=true} a missing tool fails.
 */
class HardenReloadIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    /** inetd.conf inside the namespace: two services the knowledge base disables, one it does not know. */
    private static final String INETD_CONF = """
            # reload test
            127.0.0.1:telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd
            127.0.0.1:daytime\tstream\ttcp\tnowait\troot\tinternal
            127.0.0.1:2400\tstream\ttcp\tnowait\tnobody\t/bin/cat\tcat
            """;

    /**
     * The xinetd package conflicts with openbsd-inetd (both provide the inet super-server), so CI
     * unpacks its binary here rather than installing it.
     */
    private static final String UNPACKED_XINETD = "/tmp/xinetd-pkg/root/usr/sbin/xinetd";

    /** xinetd's configuration inside the namespace: chargen and daytime enabled, an unknown service on 2400. */
    private static final String XINETD_CONF = "defaults\n{\n}\nincludedir /etc/xinetd.d\n";

    private static String xinetdService(String name, String port, String type) {
        return "service " + name + "\n{\n\ttype\t\t= " + type + "\n\tid\t\t= " + name + "-stream\n\tsocket_type\t= stream\n"
                + "\tprotocol\t= tcp\n\tuser\t\t= root\n\twait\t\t= no\n\tbind\t\t= 127.0.0.1\n"
                + (port == null ? "" : "\tport\t\t= " + port + "\n\tserver\t\t= /bin/cat\n") + "\tdisable\t\t= no\n}\n";
    }

    /**
     * Runs in the namespaces: $1 work dir, $2 java, $3 class path, $4 the super-server's command
     * line; $work/etc is copied over the overlaid /etc. Prints what the test asserts.
     */
    private static final String SCRIPT = """
            set -e
            work=$1; java=$2; cp=$3; server=$4
            mkdir -p "$work/etc-up" "$work/etc-wk" "$work/var-up" "$work/var-wk"
            mount -t overlay overlay -o "lowerdir=/etc,upperdir=$work/etc-up,workdir=$work/etc-wk" /etc
            mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$work/var-up,workdir=$work/var-wk" /var/lib
            mount -t tmpfs tmpfs /run
            ip link set lo up
            rm -f /etc/hosts.allow /etc/hosts.deny
            cp -R "$work/etc/." /etc/
            $server &
            inetd=$!
            trap 'kill $inetd 2>/dev/null || true' EXIT
            n=0
            until nc -z 127.0.0.1 $5 && nc -z 127.0.0.1 13 && nc -z 127.0.0.1 2400; do
              n=$((n + 1)); [ $n -le 200 ] || { echo "inetd did not listen"; exit 3; }; sleep 0.05
            done
            echo "inetd pid $inetd"
            set +e
            "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.jwrap.audit.harden.HardenMain harden / 0 --reload --admin-net 192.0.2.0/24
            echo "status $?"
            for port in $5 13 2400; do
              if nc -z 127.0.0.1 $port; then echo "port $port open"; else echo "port $port closed"; fi
            done
            kill -0 $inetd && echo "inetd alive"
            """;

    @TempDir
    Path work;

    @Test
    void reloadSignalsTheRunningInetd_whichClosesTheDisabledServicesPorts() throws Exception {
        requireTool("/usr/sbin/inetd", "openbsd-inetd");
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/inetd.conf"), INETD_CONF);

        String out = inNamespaces("/usr/sbin/inetd -i", 23);

        String pid = out.replaceFirst("(?s).*inetd pid (\\d+).*", "$1");
        assertThat(out).as(out).contains("status 0\n", "reload: sent SIGHUP to inetd (pid " + pid + ")\n",
                "reload: closed tcp 127.0.0.1:13, tcp 127.0.0.1:23\n",
                "port 23 closed", "port 13 closed", "port 2400 open", "inetd alive");
        assertThat(out).doesNotContain("still listening");
        String conf = Files.readString(work.resolve("etc-up/inetd.conf"));
        assertThat(conf).contains("#127.0.0.1:telnet\t", "#127.0.0.1:daytime\t", "\n127.0.0.1:2400\t");
    }

    @Test
    void reloadSignalsTheRunningXinetd_whichClosesTheDisabledServicesPorts() throws Exception {
        String xinetd = Files.isExecutable(Path.of("/usr/sbin/xinetd")) ? "/usr/sbin/xinetd" : UNPACKED_XINETD;
        requireTool(xinetd, "xinetd, or its binary unpacked as .ci/run does");
        Files.createDirectories(work.resolve("etc/xinetd.d"));
        Files.writeString(work.resolve("etc/xinetd.conf"), XINETD_CONF);
        Files.writeString(work.resolve("etc/xinetd.d/chargen"), xinetdService("chargen", null, "INTERNAL"));
        Files.writeString(work.resolve("etc/xinetd.d/daytime"), xinetdService("daytime", null, "INTERNAL"));
        Files.writeString(work.resolve("etc/xinetd.d/jwraptest"), xinetdService("jwraptest", "2400", "UNLISTED"));

        String out = inNamespaces(xinetd + " -dontfork -pidfile /run/xinetd.pid -f /etc/xinetd.conf", 19);

        String pid = out.replaceFirst("(?s).*inetd pid (\\d+).*", "$1");
        assertThat(out).as(out).contains("status 0\n", "reload: sent SIGHUP to xinetd (pid " + pid + ")\n",
                "reload: closed tcp 127.0.0.1:13, tcp 127.0.0.1:19\n",
                "port 19 closed", "port 13 closed", "port 2400 open", "inetd alive");
        assertThat(out).doesNotContain("still listening");
        assertThat(Files.readString(work.resolve("etc-up/xinetd.d/chargen"))).contains("\tdisable\t\t= yes\n");
        assertThat(Files.readString(work.resolve("etc-up/xinetd.d/jwraptest"))).contains("\tdisable\t\t= no\n");
    }

    /**
     * Starts {@code server} in private namespaces over {@code work/etc}, waits for its ports, runs
     * harden --reload on the live root there and reports which ports answer afterwards; checks that
     * the host's own files did not change.
     */
    private String inNamespaces(String server, int disabledPort) throws Exception {
        Prerequisites.of("harden --reload in namespaces")
                .root("mount namespace, overlays")
                .executable("/usr/bin/unshare", "util-linux")
                .executable("/usr/bin/nc", "apt-get install netcat-openbsd")
                .executable("/usr/sbin/ip", "apt-get install iproute2")
                .require();
        List<Path> hostFiles = List.of(Path.of("/etc/inetd.conf"), Path.of("/etc/hosts.allow"), Path.of("/etc/hosts.deny"),
                Path.of("/etc/xinetd.d/chargen"), Path.of("/etc/xinetd.d/daytime"));
        List<String> before = hostFiles.stream().map(HardenReloadIT::sha256).toList();

        Process p = new ProcessBuilder("unshare", "-mn", "sh", "-c", SCRIPT, "sh", work.toString(), JAVA,
                        System.getProperty("java.class.path"), server, Integer.toString(disabledPort))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("namespace script did not finish in 90 s: " + out);
        }
        assertThat(hostFiles.stream().map(HardenReloadIT::sha256).toList()).as("the host's own files").isEqualTo(before);
        return out;
    }

    private static String sha256(Path p) {
        try {
            return Files.exists(p) ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "absent";
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void requireTool(String path, String pkg) {
        Prerequisites.of("harden --reload in namespaces").executable(path, "install " + pkg).require();
    }
}
