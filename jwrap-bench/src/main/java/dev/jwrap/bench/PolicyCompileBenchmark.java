package dev.jwrap.bench;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.policy.PatternCompiler;
import dev.jwrap.core.policy.Table;
import dev.jwrap.core.policy.TableCompiler;
import dev.jwrap.core.policy.TableIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a policy of {@code rules} generated rules ({@link RuleSetGenerator}), whole and in its
 * two stages: {@code load} = read both files, compile, index ({@link AccessPolicy#load}, what a
 * server does at start and on reload); {@code compile} = parse and compile the bytes of both
 * tables; {@code index} = build both {@link TableIndex}es from compiled tables. Score: ms per load.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PolicyCompileBenchmark extends BenchmarkBase {

    @Param({"1000", "100000"})
    public int rules;

    private Path dir;
    private TableFile allowFile;
    private TableFile denyFile;
    private byte[] allowBytes;
    private byte[] denyBytes;
    private Table allowTable;
    private Table denyTable;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        RuleSetGenerator.RuleSet set = new RuleSetGenerator(42).generate(rules, 1);
        allowBytes = set.allow().getBytes(StandardCharsets.ISO_8859_1);
        denyBytes = set.deny().getBytes(StandardCharsets.ISO_8859_1);
        dir = Files.createTempDirectory("jwrap-compile-bench");
        allowFile = new TableFile("hosts.allow", Files.write(dir.resolve("hosts.allow"), allowBytes));
        denyFile = new TableFile("hosts.deny", Files.write(dir.resolve("hosts.deny"), denyBytes));
        Table[] tables = compileBoth();
        allowTable = tables[0];
        denyTable = tables[1];
        int compiled = allowTable.rules().size() + denyTable.rules().size();
        if (compiled != rules) {
            throw new IllegalStateException("compiled " + compiled + " rules, generated " + rules);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(allowFile.path());
        Files.deleteIfExists(denyFile.path());
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public AccessPolicy load() {
        return AccessPolicy.load(allowFile, denyFile);
    }

    @Benchmark
    public Table[] compile() {
        return compileBoth();
    }

    @Benchmark
    public TableIndex[] index() {
        return new TableIndex[] {TableIndex.of(allowTable), TableIndex.of(denyTable)};
    }

    private Table[] compileBoth() {
        TableCompiler compiler = new TableCompiler(new PatternCompiler(DiagnosticListener.IGNORE), DiagnosticListener.IGNORE);
        return new Table[] {compiler.compile("hosts.allow", allowBytes), compiler.compile("hosts.deny", denyBytes)};
    }
}
