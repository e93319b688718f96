package dev.jwrap.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringPatternTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "ALL, anything, true",
        "all, unknown, true",
        "KNOWN, unknown, false",
        "KNOWN, UNKNOWN, false",
        "KNOWN, host, true",
        ".example.test, a.example.test, true",
        ".example.test, example.test, false",
        ".example.test, .example.test, false",
        ".EXAMPLE.test, a.example.TEST, true",
        ".2.1, 192.0.2.1, true",
        "192.0., 192.0.2.1, true",
        "19., 192.0.2.1, false",
        "good., good.example.test, true",
        "good.example.test., good.example.test, false",
        "*, unknown, true",
        "*.test, a.b.test, true",
        "?.test, a.test, true",
        "?.test, ab.test, false",
        "192.168.*, 192.168.1.1, true",
        "2001*, 2001:db8::1, true",
        "[2001:0db8:0:0::1], 2001:DB8::1, true",
        "[2001:db8::1], 2001:db8::2, false",
        "[192.0.2.1], 192.0.2.1, false",
        "192.0.2.1, ::ffff:192.0.2.1, true",
        "192.0.2.1, ::FFFF:192.0.2.1, true",
        "Host.Example, host.example, true",
        "unknown, UNKNOWN, true",
    })
    void matchesLikeLibwrap(String token, String subject, boolean expected) {
        assertThat(StringPattern.compile(token).matches(subject)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "*.example, Glob",
        ".*x, Glob",
        ".example, Suffix",
        "ALL, Any",
        "KNOWN, NotUnknown",
        "192.0., Prefix",
        "[::1], BracketV6",
        "sshd, Exact",
    })
    void wildcardsWinOverOtherForms(String token, String kind) {
        assertThat(StringPattern.compile(token).getClass().getSimpleName()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "non-ASCII case is not folded: {0} vs {1}")
    @CsvSource({"\u00c9, \u00e9", "a\u00c0, A\u00e0"})
    void onlyAsciiLettersAreCaseInsensitive(String token, String subject) {
        assertThat(StringPattern.compile(token).matches(subject)).isFalse();
    }
}
