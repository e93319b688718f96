package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;

class GeneratedManPageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "*-d*, ::                          | *-d*::",
                "*-i*, _inet_conf_::               | *-i*=_inet_conf_::",
                "*-h*, *--help*::                  | *-h*, *--help*::",
                "*--json*::                        | *--json*::",
                "_[user@]client_::                 | _[user@]client_::",
                "xref:jwrap-match.adoc[*match*]::  | *jwrap-match*(1)::",
                "==  Exit status:                  | == Exit status",
                "== Options                        | == Options",
                "// tag::picocli-generated-full-manpage[] | // tag::picocli-generated-full-manpage[]",
                "'  Use hosts.allow and hosts.deny.' | '  Use hosts.allow and hosts.deny.'",
            })
    void fix_rewritesTermsAndTitles(String picocli, String fixed) {
        assertThat(GeneratedManPage.fix(picocli, "=")).isEqualTo(fixed);
    }

    @Test
    void matchPage_hasTheSynopsisOnOneLine_andItsSectionsTagged() {
        CommandSpec match = Jwrap.commandLine(CommandDocs.context()).getSubcommands().get("match").getCommandSpec();

        String adoc = GeneratedManPage.of(match);

        assertThat(adoc)
                .contains("= jwrap-match(1)\n")
                .containsPattern("(?m)^\\*jwrap match\\* .*_daemon\\[@server\\]_ _\\[user@\\]client_$")
                .contains("// tag::picocli-generated-man-section-options[]")
                .contains("*-i* _inet_conf_::")
                .doesNotContain("\r");
    }
}
