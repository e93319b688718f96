package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @ParameterizedTest(name = "{0} removed: {1}")
    @CsvSource({
        "PATH=/bin, true", "HOME=/root, true", "TERM=xterm, true", "TERMCAP=x, true", "USER=root, true",
        "LD_PRELOAD=x, true", "LD_LIBRARY_PATH=x, true", "SSH_AUTH_SOCK=x, true", "CVSROOT=x, true",
        "TMPDIR=/tmp, true", "SHLVL=1, true", "PWD=/, true", "IFS=x, true",
        "FOO=bar, false", "LANG=C, false", "OLDPWD=/tmp, false", "PATHX=1, false", "USERNAME=x, false",
        "HOMEDIR=x, false"})
    void launderingFollowsNetkitsPrefixes(String entry, boolean removed) {
        assertThat(Environment.dangerous(entry)).isEqualTo(removed);
    }

    @Test
    void inetdDummyIsAlwaysAdded() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/bin");
        env.put("LANG", "C");
        assertThat(Environment.forInetd(env, false)).containsExactly("LANG=C", "inetd_dummy=" + "x".repeat(99));
        assertThat(Environment.forInetd(env, true)).containsExactly("PATH=/bin", "LANG=C", Environment.INETD_DUMMY);
    }
}
