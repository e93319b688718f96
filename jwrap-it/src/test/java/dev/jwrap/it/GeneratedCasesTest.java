package dev.jwrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The generators of {@link GeneratedMatchIT}, without running anything: every generated case can
 * be printed as a case file and read back unchanged, so a failure report is always a valid
 * regression file.
 */
class GeneratedCasesTest {

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void generatedCasesSurviveTheCaseFileFormat(@ForAll("cases") CaseFile c) {
        assertThat(CaseFileReader.read(c.name(), CaseFileWriter.write(c))).isEqualTo(c);
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void generatedPatternFilesNeverReferToThemselves(@ForAll("cases") CaseFile c) {
        for (CaseFile.Entry entry : c.entries()) {
            if (entry instanceof CaseFile.FileEntry f && f.path().equals("list1")) {
                assertThat(new String(f.content(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("${DIR}/");
            }
        }
    }

    @Provide
    Arbitrary<CaseFile> cases() {
        return net.jqwik.api.Arbitraries.oneOf(
                MatchCaseArbitraries.matchCases(), MatchCaseArbitraries.singleRuleCases());
    }
}
