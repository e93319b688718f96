package dev.jwrap.inetd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsDirectiveTest {

    @Test
    void directive_appliesToNextEntryOnly_acrossBlankAndHostLines() {
        InetdConfig config = InetdConfigParserTest.parse("""
                #jwrap: per_source=5 instances=50
                # ordinary comment
                #jwrap: cps=20:30 instances=60

                127.0.0.1:
                echo stream tcp nowait root internal
                daytime stream tcp4 nowait root internal
                """);
        assertThat(config.diagnostics()).isEmpty();
        ServiceLimits expected = new ServiceLimits(OptionalInt.of(5), OptionalInt.of(60), OptionalInt.of(20), 30);
        assertThat(config.entries()).extracting(ServiceEntry::limits)
                .containsExactly(expected, expected, ServiceLimits.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "#jwrap: per_source=0|bad value \"0\" for per_source in #jwrap: comment (want a number >= 1 or \"unlimited\")",
        "#jwrap: cps=5:x|bad cps pause \"x\" in #jwrap: comment (want seconds >= 1)",
        "#jwrap: colour=red|unknown item \"colour=red\" in #jwrap: comment (known: per_source=N, instances=N, cps=N[:S])",
        "#jwrap:|empty #jwrap: comment",
    })
    void badItem_isWarnedAndEntryKept(String directive, String message) {
        InetdConfig config = InetdConfigParserTest.parse(directive + "\necho stream tcp4 nowait root internal\n");
        assertThat(InetdConfigParserTest.located(config)).containsExactly("inetd.conf:1: warning: " + message);
        assertThat(config.entries()).hasSize(1);
        assertThat(config.entries().get(0).limits()).isEqualTo(ServiceLimits.NONE);
    }

    @Test
    void unlimited_cancelsEarlierValue() {
        ServiceLimits limits = LimitsDirectiveParser.apply(ServiceLimits.NONE, "#jwrap: instances=3 per_source=2",
                m -> { throw new AssertionError(m); });
        limits = LimitsDirectiveParser.apply(limits, "#jwrap:\tinstances=unlimited", m -> { throw new AssertionError(m); });
        assertThat(limits.instances()).isEmpty();
        assertThat(limits.perSource()).hasValue(2);
    }

    @Test
    void danglingDirective_isWarned() {
        InetdConfig config = InetdConfigParserTest.parse("echo stream tcp4 nowait root internal\n#jwrap: cps=3\n");
        assertThat(InetdConfigParserTest.located(config))
                .containsExactly("inetd.conf:2: warning: #jwrap: comment is not followed by any entry");
    }

    @Test
    void directive_goesWithSkippedEntry() {
        InetdConfig config = InetdConfigParserTest.parse(
                "#jwrap: cps=3\nbad stream tcp4 nowait root internal\necho stream tcp4 nowait root internal\n");
        assertThat(config.entries().get(0).limits()).isEqualTo(ServiceLimits.NONE);
    }
}
