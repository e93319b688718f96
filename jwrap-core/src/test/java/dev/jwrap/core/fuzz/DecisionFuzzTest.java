package dev.jwrap.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.match.ExpansionTooLongException;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decisions on arbitrary tables and requests: the indexed scan ({@code AccessPolicy.decide}) must
 * give exactly the decision of the linear scan ({@code AccessPolicy.explain}) — verdict, deciding
 * rule, options run, priorities, twist command, error — and neither may throw anything but the
 * documented {@link ExpansionTooLongException} (and then both must). The policy is driven through
 * {@link AccessCheck} on compiled tables, as {@code AccessPolicy} does, so no file is written.
 *
 * <p>{@code mode} bit 0: a socket-address request whose name and user are looked up lazily
 * through {@link FuzzSupport#services} (bits 1–4 vary the server port, datagram and the forward
 * lookup's answer), else a {@code hosts_ctl}-style string request; bit 5: verbose checks.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays {@code DecisionFuzzTestInputs/} as a plain test.
 */
class DecisionFuzzTest {

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "hosts_access.dict")
    void indexedDecisionEqualsLinear(@NotNull String allow, @NotNull String deny, @NotNull String daemon,
            @NotNull String name, @NotNull String address, @NotNull String user, int mode) {
        byte[] allowBytes = allow.getBytes(StandardCharsets.UTF_8);
        byte[] denyBytes = deny.getBytes(StandardCharsets.UTF_8);
        if (FuzzSupport.mayReadFiles(allowBytes) || FuzzSupport.mayReadFiles(denyBytes)) {
            return;
        }
        List<Diagnostic> loadDiagnostics = new ArrayList<>();
        Table allowTable = FuzzSupport.compile("hosts.allow", allowBytes, loadDiagnostics::add);
        Table denyTable = FuzzSupport.compile("hosts.deny", denyBytes, loadDiagnostics::add);
        if (FuzzSupport.bannersMayEscape(List.of(allowTable, denyTable), daemon)) {
            return;
        }
        TableIndex allowIndex = TableIndex.of(allowTable);
        TableIndex denyIndex = TableIndex.of(denyTable);
        boolean verbose = (mode & 32) != 0;

        List<Diagnostic> indexedDiagnostics = new ArrayList<>();
        Object indexed = check(allowIndex, denyIndex, true, verbose,
                FuzzSupport.request(daemon, name, address, user, mode, indexedDiagnostics::add));
        List<Diagnostic> linearDiagnostics = new ArrayList<>();
        Object linear = check(allowIndex, denyIndex, false, verbose,
                FuzzSupport.request(daemon, name, address, user, mode, linearDiagnostics::add));

        if (indexed instanceof Decision i && linear instanceof Decision l) {
            assertThat(i.verdict()).as("verdict (indexed vs linear)").isEqualTo(l.verdict());
            assertThat(i.rule()).as("deciding rule (indexed vs linear)").isEqualTo(l.rule());
            assertThat(i).as("whole decision (indexed vs linear)").isEqualTo(l);
        } else {
            assertThat(indexed).as("outcome (indexed vs linear)").isEqualTo(linear);
        }
        for (Diagnostic d : indexedDiagnostics) {
            assertThat(d.toSyslogText()).isNotNull();
        }
    }

    /** The decision, or the name of the documented exception when the check ends in it. */
    private static Object check(TableIndex allow, TableIndex deny, boolean useIndex, boolean verbose,
            AccessRequest request) {
        try {
            return new AccessCheck(request, FuzzSupport.EFFECTS, verbose, useIndex, AccessCheck.Trace.NONE)
                    .decide(allow, deny);
        } catch (ExpansionTooLongException e) {
            return ExpansionTooLongException.class.getSimpleName();
        }
    }
}
