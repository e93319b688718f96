package dev.jwrap.bench;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.TableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One access decision ({@code hosts_ctl}-style: daemon, client name, client address, user
 * {@code unknown}) against generated tables of {@code rules} rules ({@link RuleSetGenerator}),
 * cycling over {@value #QUERIES} requests of one address family that either hit a rule chosen
 * uniformly over the table ({@code hit}) or match nothing before the final {@code ALL : ALL}
 * ({@code miss}, the worst case: both tables scanned). Score: ns per decision.
 */
@State(Scope.Thread)
public class MatchBenchmark extends BenchmarkBase {

    static final int QUERIES = 256;

    @Param({"10", "1000", "10000"})
    public int rules;

    @Param({"ipv4", "ipv6"})
    public String family;

    @Param({"hit", "miss"})
    public String kind;

    private AccessPolicy policy;
    private RuleSetGenerator.Request[] requests;
    private int next;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        RuleSetGenerator.RuleSet set = new RuleSetGenerator(42).generate(rules, 4 * QUERIES);
        dir = Files.createTempDirectory("jwrap-match-bench");
        policy = load(dir, set);
        boolean v6 = family.equals("ipv6");
        List<RuleSetGenerator.Request> pool = (kind.equals("hit") ? set.hits() : set.misses()).stream()
                .filter(q -> q.isIpv6() == v6)
                .toList();
        if (pool.isEmpty()) {
            throw new IllegalStateException("no " + family + " " + kind + " requests for " + rules + " rules");
        }
        requests = new RuleSetGenerator.Request[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            requests[i] = pool.get(i % pool.size());
        }
    }

    static AccessPolicy load(Path dir, RuleSetGenerator.RuleSet set) throws IOException {
        Path allow = Files.writeString(dir.resolve("hosts.allow"), set.allow(), StandardCharsets.ISO_8859_1);
        Path deny = Files.writeString(dir.resolve("hosts.deny"), set.deny(), StandardCharsets.ISO_8859_1);
        AccessPolicy policy = AccessPolicy.load(new TableFile("hosts.allow", allow), new TableFile("hosts.deny", deny));
        if (!policy.diagnostics().isEmpty()) {
            throw new IllegalStateException("generated tables have problems: " + policy.diagnostics());
        }
        return policy;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("hosts.allow"));
        Files.deleteIfExists(dir.resolve("hosts.deny"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public boolean decide() {
        RuleSetGenerator.Request q = requests[next++ & (QUERIES - 1)];
        return policy.decide(AccessRequest.of(q.daemon(), q.name(), q.address(), AccessRequest.UNKNOWN)).isGranted();
    }
}
