package dev.jwrap.bench;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.match.AccessCheck;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * jwrap's counterpart of {@code bench/libwrap/wrapbench.c}: the same flags, query file and output
 * line, with {@code hosts_ctl(daemon, name, addr, "unknown")} replaced by
 * {@link AccessPolicy#decide} on {@link AccessRequest#of}. Differences, all in jwrap's favour of
 * a fair measurement: the tables are loaded and compiled once (libwrap re-reads them on every
 * call; the load time is reported on standard error), the JIT is warmed up before measuring
 * ({@code WRAPBENCH_WARMUP_SECS}, default 2), and the clock is read every
 * {@value #CLOCK_EVERY} decisions rather than after each.
 *
 * <p>{@code -v} prints {@code allow|deny<TAB>daemon<TAB>name<TAB>addr} per query like
 * wrapbench.c; with {@code WRAPBENCH_RULES=1} it also writes the deciding rule of each query,
 * and any disagreement between the indexed and the linear scan, to standard error.
 */
public final class WrapBench {

    /** Decisions between two clock reads (a power of two). */
    static final int CLOCK_EVERY = 16;

    private final AccessPolicy policy;
    private final Query[] queries;

    private WrapBench(AccessPolicy policy, List<Query> queries) {
        this.policy = policy;
        this.queries = queries.toArray(Query[]::new);
    }

    public static void main(String[] argv) throws IOException {
        System.exit(run(argv));
    }

    static int run(String[] argv) throws IOException {
        WrapBenchArgs args;
        try {
            args = WrapBenchArgs.parse(argv);
        } catch (WrapBenchArgs.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(WrapBenchArgs.USAGE);
            return 2;
        }
        for (String table : List.of(args.allow(), args.deny())) {
            if (!Files.isReadable(Path.of(table))) {
                System.err.println("rule file: " + table + ": not readable");
                return 2;
            }
        }
        List<Query> queries;
        try {
            queries = Query.read(Path.of(args.queries()), args.kind());
        } catch (IOException e) {
            System.err.println(args.queries() + ": " + e.getMessage());
            return 2;
        }
        if (queries.isEmpty()) {
            System.err.println("no queries of kind " + args.kind());
            return 2;
        }
        WrapBench bench = new WrapBench(load(args), queries);
        if (args.verify()) {
            bench.verify("1".equals(System.getenv("WRAPBENCH_RULES")));
        } else {
            bench.warmUp(warmUpSeconds());
            bench.measure(args);
        }
        return 0;
    }

    private static AccessPolicy load(WrapBenchArgs args) {
        long t0 = System.nanoTime();
        AccessPolicy policy = AccessPolicy.load(
                new TableFile(args.allow(), Path.of(args.allow())), new TableFile(args.deny(), Path.of(args.deny())));
        long t1 = System.nanoTime();
        int allowRules = policy.allowTable().rules().size();
        int denyRules = policy.denyTable().rules().size();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory();
        System.err.printf(Locale.ROOT,
                "jwrap: load+compile of %d rules (allow %d, deny %d): %.1f ms; %d diagnostics; heap in use %.1f MiB%n",
                allowRules + denyRules, allowRules, denyRules, (t1 - t0) / 1e6, policy.diagnostics().size(),
                heap / 1048576.0);
        return policy;
    }

    private static double warmUpSeconds() {
        String s = System.getenv("WRAPBENCH_WARMUP_SECS");
        return s == null || s.isBlank() ? 2.0 : Double.parseDouble(s);
    }

    /** hosts_ctl(daemon, name, addr, STRING_UNKNOWN). */
    private boolean allowed(Query q) {
        return policy.decide(AccessRequest.of(q.daemon(), q.name(), q.address(), AccessRequest.UNKNOWN)).isGranted();
    }

    private void warmUp(double seconds) {
        long t0 = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        long done = 0;
        long allowed = 0;
        while (true) {
            allowed += allowed(queries[(int) (done % queries.length)]) ? 1 : 0;
            done++;
            if ((done & (CLOCK_EVERY - 1)) == 0 && System.nanoTime() - t0 >= limit) {
                break;
            }
        }
        System.err.printf(Locale.ROOT, "jwrap: warm-up %d decisions in %.2f s (%d allowed)%n",
                done, (System.nanoTime() - t0) / 1e9, allowed);
    }

    private void measure(WrapBenchArgs args) {
        long limit = (long) (args.maxSeconds() * 1e9);
        long nmax = args.maxDecisions();
        long done = 0;
        long allowed = 0;
        long t0 = System.nanoTime();
        long t = t0;
        while (done < nmax) {
            allowed += allowed(queries[(int) (done % queries.length)]) ? 1 : 0;
            done++;
            if ((done & (CLOCK_EVERY - 1)) == 0 || done == nmax) {
                t = System.nanoTime();
                if (t - t0 >= limit) {
                    break;
                }
            }
        }
        double seconds = (t - t0) / 1e9;
        System.out.printf(Locale.ROOT,
                "impl=jwrap kind=%s queries=%d decisions=%d seconds=%.4f rate=%.1f allowed=%d denied=%d%n",
                args.kind(), queries.length, done, seconds, done / seconds, allowed, done - allowed);
    }

    private void verify(boolean rules) {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.ISO_8859_1);
        int disagreements = 0;
        for (Query q : queries) {
            Decision d = policy.decide(AccessRequest.of(q.daemon(), q.name(), q.address(), AccessRequest.UNKNOWN));
            String line = (d.isGranted() ? "allow" : "deny") + "\t" + q.daemon() + "\t" + q.name() + "\t" + q.address();
            out.print(line + "\n");
            if (rules) {
                Decision linear = policy.explain(AccessRequest.of(q.daemon(), q.name(), q.address(), AccessRequest.UNKNOWN),
                        OptionEffects.DRY_RUN, AccessCheck.Trace.NONE);
                String why = d.deciding().map(r -> r + "\t" + r.text()).orElse("(no rule)");
                System.err.println(line + "\t" + d.verdict().word() + "\t" + why);
                if (linear.verdict() != d.verdict() || !Objects.equals(linear.rule(), d.rule())) {
                    disagreements++;
                    System.err.println("  INDEX/LINEAR DISAGREE: linear " + linear.verdict().word() + " "
                            + linear.deciding().map(r -> r + " " + r.text()).orElse("(no rule)"));
                }
            }
        }
        out.flush();
        if (rules) {
            System.err.println("jwrap: indexed vs linear disagreements: " + disagreements);
        }
    }
}
