package dev.jwrap.audit.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.audit.inventory.ProcessInfo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which processes are super-servers: by name, and jwrap inetd (a JVM) by its command line. */
class SuperServerNameTest {

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "inetd   | /usr/sbin/inetd -l                                              | inetd",
        "xinetd  | /usr/sbin/xinetd -stayalive                                     | xinetd",
        "systemd | /sbin/init                                                      | systemd",
        "java    | /usr/bin/java -jar /opt/jwrap/jwrap.jar inetd -i /etc/inetd.conf | inetd",
        "java    | java -XX:+UseSerialGC -cp a.jar:b.jar dev.jwrap.cli.Main inetd   | inetd",
        "java    | java -cp a.jar dev.jwrap.cli.Main scan 127.0.0.1                | null",
        "java    | java -jar /opt/other/app.jar inetd                              | null",
        "sshd    | sshd: /usr/sbin/sshd -D [listener]                              | null"
    })
    void namedOrByCommandLine(String comm, String cmdline, String expected) {
        ProcessInfo p = new ProcessInfo(42, 1, comm, "/usr/bin/" + comm, List.of(cmdline.strip().split(" +")), 0, null);
        assertThat(ListenerReview.superServer(p)).isEqualTo(expected);
    }
}
