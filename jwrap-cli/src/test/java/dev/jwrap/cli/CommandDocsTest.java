package dev.jwrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How CommandDocs tells the hand-written section 5 pages from the templates of commands. */
class CommandDocsTest {

    @Test
    void aTemplateTitledSection5_isAFormatPage_namedByItsTitle() {
        String page = "// a comment first\n= jwrap-inetd.conf(5)\n:doctype: manpage\n\n== Name\n";

        assertThat(CommandDocs.formatPageName(page)).isEqualTo("jwrap-inetd.conf");
    }

    @Test
    void aCommandTemplate_orAPageOfAnotherSection_isNot() {
        String command = "include::_generated/jwrap-match.adoc[tag=picocli-generated-man-section-header]\n"
                + "See *hosts_access*(5).\n";

        assertThat(CommandDocs.formatPageName(command)).isNull();
        assertThat(CommandDocs.formatPageName("= jwrap-match(1)\n")).isNull();
        assertThat(CommandDocs.formatPageName("== Options(5)\n")).isNull();
    }
}
