package dev.jwrap.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.Decision;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deterministic companion of {@link DecisionFuzzTest} for the shapes coverage-guided fuzzing
 * rarely builds: tables with many distinct daemon names (more than the 63 the index keeps as
 * bit masks), and many rules sharing name, prefix, suffix, network and {@code LOCAL} keys. For
 * random requests the indexed decision must equal the linear one.
 */
class TableIndexEquivalenceTest {

    private static final String[] NAMES = {"a", "b.example.test", "host", "x.example.test", "unknown", "paranoid", "ab"};
    private static final String[] ADDRESSES = {
        "10.0.0.1", "10.0.1.7", "10.1.2.3", "192.0.2.1", "::ffff:10.0.0.1", "2001:db8::1", "2001:db8:1::5", "unknown", "fe80::1%1"
    };

    @ParameterizedTest(name = "daemon names: {0}")
    @ValueSource(ints = {3, 63, 64, 200})
    void indexedEqualsLinear(int daemonNames) {
        SplittableRandom r = new SplittableRandom(daemonNames);
        for (int round = 0; round < 40; round++) {
            int rules = daemonNames < 63 ? 30 : 150; // enough rules to name more than 63 daemons
            String allow = table(r, daemonNames, rules);
            String deny = table(r, daemonNames, rules) + "ALL : ALL : severity auth.notice\n";
            Table a = FuzzSupport.compile("hosts.allow", allow.getBytes(StandardCharsets.ISO_8859_1), DiagnosticListener.IGNORE);
            Table d = FuzzSupport.compile("hosts.deny", deny.getBytes(StandardCharsets.ISO_8859_1), DiagnosticListener.IGNORE);
            TableIndex ai = TableIndex.of(a);
            TableIndex di = TableIndex.of(d);
            for (int q = 0; q < 50; q++) {
                String daemon = "d" + r.nextInt(daemonNames + 2);
                String name = NAMES[r.nextInt(NAMES.length)];
                String address = ADDRESSES[r.nextInt(ADDRESSES.length)];
                int mode = r.nextInt(64) & ~32;
                Decision indexed = new AccessCheck(FuzzSupport.request(daemon, name, address, "u", mode, DiagnosticListener.IGNORE),
                                FuzzSupport.EFFECTS, false, true, AccessCheck.Trace.NONE)
                        .decide(ai, di);
                Decision linear = new AccessCheck(FuzzSupport.request(daemon, name, address, "u", mode, DiagnosticListener.IGNORE),
                                FuzzSupport.EFFECTS, false, false, AccessCheck.Trace.NONE)
                        .decide(ai, di);
                assertThat(indexed)
                        .as("%s %s %s mode %d%nallow:%n%sdeny:%n%s", daemon, name, address, mode, allow, deny)
                        .isEqualTo(linear);
            }
        }
    }

    private static String table(SplittableRandom r, int daemonNames, int rules) {
        List<String> clients = List.of("LOCAL", "KNOWN", "10.0.", "10.0.0.", "10.0.0.1", "10.0.0.0/255.255.255.0", "10.0.0.0/8",
                "10.1.2.0/24", ".example.test", ".test", "b.example.test", "host", "x.", "[2001:db8::]/32", "[2001:db8:1::]/48",
                "::ffff:10.0.0.1", "u@10.0.", "ALL EXCEPT 10.0.0.1", "@group", "*.test", "1?.0.0.1", "UNKNOWN", "PARANOID");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rules; i++) {
            int n = 1 + r.nextInt(3);
            StringBuilder daemons = new StringBuilder();
            for (int j = 0; j < n; j++) {
                daemons.append(j == 0 ? "" : ", ").append(r.nextInt(8) == 0 ? "ALL" : "d" + r.nextInt(daemonNames));
            }
            StringBuilder patterns = new StringBuilder();
            int m = 1 + r.nextInt(3);
            for (int j = 0; j < m; j++) {
                patterns.append(j == 0 ? "" : " ").append(clients.get(r.nextInt(clients.size())));
            }
            out.append(daemons).append(" : ").append(patterns);
            if (r.nextInt(5) == 0) {
                out.append(r.nextBoolean() ? " : deny" : " : allow");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
