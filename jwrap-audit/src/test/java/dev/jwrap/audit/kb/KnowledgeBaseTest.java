package dev.jwrap.audit.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeBaseTest {

    private static final KnowledgeBase KB = KnowledgeBase.builtIn();

    @Test
    void theBuiltInFileLoadsEveryRow() {
        assertThat(KB.entries()).hasSize(90);
        assertThat(KB.byPort(6010, "tcp")).get().extracting(KbEntry::service).isEqualTo("x11");
        assertThat(KB.byRpcProgram(100005)).get().extracting(KbEntry::service).isEqualTo("mountd");
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
        "exec, tcp, exec", "comsat, udp, biff", "biff, udp, biff", "rstatd/1-3, , rstatd", "rstatd, , rstatd",
        "sink, tcp, discard", "login, tcp, login", "who, udp, who", "TELNET, tcp, telnet"
    })
    void namesAliasesAndInetdNamesFindTheirRow(String name, String protocol, String service) {
        assertThat(KB.byName(name, protocol)).get().extracting(KbEntry::service).isEqualTo(service);
    }

    @Test
    void theMarkerReasonIsTheRiskUpToItsFirstSemicolon() {
        assertThat(KB.byName("chargen", "udp").orElseThrow().shortRisk())
                .isEqualTo("Classic amplification and loop source (chargen<->echo)");
    }

    @Test
    void siteRowsReplaceBuiltInRowsAndBadRowsAreReportedWithTheirLine() {
        List<String> problems = new ArrayList<>();
        KnowledgeBase site = KnowledgeBase.parse("services.tsv", "header\n"
                + "23\ttcp\ttelnet\t-\ttelnet\tin.telnetd\tlogin\tlab only\tkeep\tinfo\t-\n"
                + "99999\ttcp\tx\t-\t-\t-\tx\tx\tkeep\tinfo\t-\n"
                + "24\ttcp\tshort row\n", problems::add);
        assertThat(problems).containsExactly("services.tsv:3: bad port range 99999",
                "services.tsv:4: expected 11 tab-separated columns, found 3");
        KnowledgeBase merged = KB.with(site);
        assertThat(merged.byPort(23, "tcp")).get().extracting(KbEntry::recommendation).isEqualTo(Recommendation.KEEP);
        assertThat(merged.entries()).hasSize(90);
    }
}
