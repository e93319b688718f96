package dev.jwrap.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.Decision;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.TableFile;
import dev.jwrap.core.match.AccessCheck;
import dev.jwrap.core.match.HostEndpoint;
import dev.jwrap.core.testing.StaticHostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index is only a filter: for any tables and request, the indexed decision equals the one
 * found by evaluating every rule in order — same verdict, same deciding rule, and the same
 * number of name lookups (so laziness is preserved too).
 */
class TableIndexProperties {

    private static final List<String> DAEMONS = List.of("sshd", "ftpd", "in.telnetd", "SSHD", "22", "0");
    private static final List<String> ADDRESSES =
            List.of("192.0.2.1", "192.0.2.77", "10.1.2.3", "10.1.9.9", "::ffff:192.0.2.1", "2001:db8::1", "2001:db8:1::5", "unknown");
    private static final List<String> NAMES =
            List.of("good.example.test", "host", "a.b.example.test", "unknown", "paranoid", "Good.Example.Test");

    @Provide
    Arbitrary<String> daemonToken() {
        return Arbitraries.oneOf(
                Arbitraries.of(DAEMONS),
                Arbitraries.of("ALL", "EXCEPT", "ss*", "*d", "in.", ".telnetd", "KNOWN", "sshd@192.0.2.1", "ftpd@10.1."));
    }

    @Provide
    Arbitrary<String> clientToken() {
        return Arbitraries.oneOf(
                Arbitraries.of(ADDRESSES).filter(a -> !a.contains(":")),
                Arbitraries.of(NAMES),
                Arbitraries.of("192.0.2.", "10.", "10.1.", ".example.test", ".test", ".2.1", ".1", "good.", "GOOD.",
                        "192.0.2.0/24", "192.0.2.0/255.255.255.0", "10.0.0.0/255.0.255.0", "10.1.2.3/32", "192.0.2.1/24",
                        "[2001:db8::]/32", "[2001:db8::1]", "[2001:db8::]/64", "ALL", "KNOWN", "LOCAL", "UNKNOWN",
                        "PARANOID", "*", "192.*", "*.test", "EXCEPT", "alice@ALL", "KNOWN@192.0.2.", "@group", "0.0.0.0/0.0.0.0"));
    }

    @Provide
    Arbitrary<String> rule() {
        Arbitrary<String> daemons = daemonToken().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
        Arbitrary<String> clients = clientToken().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l));
        Arbitrary<String> options = Arbitraries.of("", "", "", ": allow", ": deny", ": spawn echo %h", ": bogus");
        return Combinators.combine(daemons, clients, options).as((d, c, o) -> d + ": " + c + o + "\n");
    }

    @Provide
    Arbitrary<String> table() {
        return rule().list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void indexedDecisionEqualsLinearScan(
            @ForAll("table") String allow,
            @ForAll("table") String deny,
            @ForAll("daemonToken") String daemon,
            @ForAll("addressIndex") int addressIndex,
            @ForAll boolean bySocket,
            @ForAll("nameIndex") int nameIndex)
            throws IOException {
        Path dir = Files.createTempDirectory("jwrap-index");
        try {
            Files.write(dir.resolve("hosts.allow"), allow.getBytes(StandardCharsets.ISO_8859_1));
            Files.write(dir.resolve("hosts.deny"), deny.getBytes(StandardCharsets.ISO_8859_1));
            AccessPolicy policy = AccessPolicy.load(TableFile.of(dir.resolve("hosts.allow")), TableFile.of(dir.resolve("hosts.deny")));
            String address = ADDRESSES.get(addressIndex);
            StaticHostResolver indexedDns = resolver();
            StaticHostResolver linearDns = resolver();
            Decision indexed = policy.decide(request(daemon, address, nameIndex, bySocket, indexedDns));
            Decision linear = policy.explain(
                    request(daemon, address, nameIndex, bySocket, linearDns), OptionEffects.DRY_RUN, AccessCheck.Trace.NONE);
            assertThat(indexed.verdict()).isEqualTo(linear.verdict());
            assertThat(indexed.rule()).isEqualTo(linear.rule());
            assertThat(indexedDns.reverseLookups.get()).isEqualTo(linearDns.reverseLookups.get());
        } finally {
            for (String f : List.of("hosts.allow", "hosts.deny")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<Integer> addressIndex() {
        return Arbitraries.integers().between(0, ADDRESSES.size() - 1);
    }

    @Provide
    Arbitrary<Integer> nameIndex() {
        return Arbitraries.integers().between(-1, NAMES.size() - 1);
    }

    private static StaticHostResolver resolver() {
        return new StaticHostResolver()
                .host("192.0.2.1", "good.example.test")
                .host("10.1.2.3", "host")
                .host("2001:db8::1", "a.b.example.test")
                .netgroup("group", "good.example.test");
    }

    private static AccessRequest request(String daemon, String address, int nameIndex, boolean bySocket, StaticHostResolver dns) {
        AccessRequest.Builder b = AccessRequest.builder().daemon(daemon).services(dns.services());
        if (bySocket && !address.equals("unknown")) {
            b.client(new InetSocketAddress(address.replace("::ffff:", ""), 4000)).server(new InetSocketAddress("192.0.2.254", 22));
        } else {
            b.client(HostEndpoint.ofStrings(nameIndex < 0 ? null : NAMES.get(nameIndex), address));
        }
        return b.user("alice").build();
    }
}
