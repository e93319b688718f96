package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prepared tree with /proc files in the kernel's format: sockets, descriptors, processes. */
class InventoryReaderTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @TempDir
    Path root;

    @Test
    void inetdAndItsChildrenShareOneListenerOwnedByTheParent() throws IOException {
        write("proc/net/tcp", HEADER
                + "   0: 00000000:0017 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1\n"
                + "   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5002 1\n"
                + "   2: 0100007F:1F90 0100007F:C000 01 00000000:00000000 00:00000000 00000000  1000        0 5003 1\n");
        write("proc/net/tcp6", HEADER
                + "   0: 00000000000000000000000000000000:0017 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5004 1\n"
                + "   1: 0000000000000000FFFF00000100007F:A02B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5005 1\n");
        write("proc/net/udp", HEADER
                + " 9562: 00000000:0045 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5006 2\n");
        process(300, 1, "inetd", "/usr/sbin/inetd", "0::/system.slice/inetd.service", "/usr/sbin/inetd\0-l\0", 5001, 5004, 5006);
        process(301, 300, "in.telnetd", "/usr/sbin/in.telnetd", "0::/system.slice/inetd.service", "in.telnetd\0", 5001);
        process(302, 300, "in.telnetd", "/usr/sbin/in.telnetd", "0::/", "in.telnetd\0", 5001);
        process(400, 1, "sendmail", "/usr/sbin/sendmail-mta", "0::/", "sendmail: MTA: accepting connections\0", 5002);
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n");

        Inventory inv = new InventoryReader(root, ByteOrder.LITTLE_ENDIAN).read();

        assertThat(inv.listeners()).extracting(l -> l.transport().word() + " " + l.addressText() + ":" + l.port())
                .containsExactly("tcp 0.0.0.0:23", "tcp 127.0.0.1:8080", "tcp 127.0.0.1:41003", "tcp [::]:23", "udp 0.0.0.0:69");
        Listener telnet = inv.listeners().getFirst();
        assertThat(telnet.owner().pid()).isEqualTo(300);
        assertThat(telnet.owner().unit()).isEqualTo("inetd.service");
        assertThat(telnet.holders()).extracting(ProcessInfo::pid).containsExactly(300, 301, 302);
        assertThat(telnet.exposure()).isEqualTo(Exposure.ANY);
        assertThat(telnet.user()).isEqualTo("root");

        Listener mail = inv.listeners().get(1);
        assertThat(mail.user()).isEqualTo("alice");
        assertThat(mail.exposure()).isEqualTo(Exposure.LOOPBACK);
        assertThat(mail.owner().titleRewritten()).isTrue();
        assertThat(telnet.owner().titleRewritten()).isFalse();

        Listener mapped = inv.listeners().get(2);
        assertThat(mapped.family()).isEqualTo("ipv4");
        assertThat(mapped.socket().ipv6Socket()).isTrue();
        assertThat(mapped.socket().mapped()).isTrue();
        assertThat(mapped.exposure()).isEqualTo(Exposure.LOOPBACK);
        assertThat(mapped.owner()).isNull();
        assertThat(mapped.ownerUnknown()).isEqualTo("not-found");

        assertThat(inv.listeners().get(3).dualStack()).isEqualTo("false-inferred");
        assertThat(inv.listeners().get(4).owner().comm()).isEqualTo("inetd");
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void anIpv6WildcardWithoutIpv4TwinHasUnknownDualStack() throws IOException {
        write("proc/net/tcp6", HEADER
                + "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6001 1\n");
        assertThat(new InventoryReader(root).read().listeners()).singleElement().satisfies(l -> {
            assertThat(l.dualStack()).isEqualTo("unknown");
            assertThat(l.user()).isEqualTo("0");
        });
    }

    @Test
    void aTreeWithoutProcIsAnError() {
        assertThatThrownBy(() -> new InventoryReader(root).read()).isInstanceOf(IOException.class).hasMessageContaining("proc");
    }

    private void process(int pid, int ppid, String comm, String exe, String cgroup, String cmdline, long... inodes)
            throws IOException {
        Path dir = root.resolve("proc/" + pid);
        write("proc/" + pid + "/comm", comm + "\n");
        write("proc/" + pid + "/cmdline", cmdline);
        write("proc/" + pid + "/status", "Name:\t" + comm + "\nPPid:\t" + ppid + "\nUid:\t0\t0\t0\t0\n");
        write("proc/" + pid + "/cgroup", cgroup + "\n");
        Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(dir.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(dir.resolve("fd/1"), Path.of("pipe:[99]"));
        int fd = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(dir.resolve("fd/" + fd++), Path.of("socket:[" + inode + "]"));
        }
    }

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

}
