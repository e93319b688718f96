package dev.jwrap.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.AccessRequest;
import dev.jwrap.core.LookupServices;
import dev.jwrap.core.OptionEffects;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.UserDatabase;
import dev.jwrap.core.testing.Tables;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressOnlyTest {

    @TempDir
    Path dir;

    /**
     * Each case is checked twice: the answer itself, and — when it says "addresses only" — that
     * deciding for clients inside and outside the patterns really never calls a lookup service.
     */
    @ParameterizedTest(name = "[{index}] allow=''{0}'' deny=''{1}'' for {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "                                  |                         | sshd | true",
        "                                  | ALL: ALL                | sshd | true",
        "sshd: 192.0.2.1 127.0.0.1         | ALL: ALL                | sshd | true",
        "sshd: 192.0.2. 10.0.0.0/8         | ALL: ALL                | sshd | true",
        "sshd: [::1]/128                   | ALL: ALL                | sshd | true",
        "sshd: ALL EXCEPT 192.0.2.1        | ALL: ALL                | sshd | true",
        "sshd: ALL: allow                  | ALL: ALL: deny          | sshd | true",
        "sshd: ALL: severity auth.info: keepalive: linger 5 |        | sshd | true",
        "ftpd: .example.test               | ALL: ALL                | sshd | true",
        "ftpd: ALL: spawn echo %h          | ALL: ALL                | sshd | true",
        "sshd: .example.test               | ALL: ALL                | sshd | false",
        "sshd: LOCAL                       | ALL: ALL                | sshd | false",
        "sshd: KNOWN                       |                         | sshd | false",
        "sshd: UNKNOWN                     |                         | sshd | false",
        "sshd: PARANOID                    |                         | sshd | false",
        "sshd: @trusted                    |                         | sshd | false",
        "sshd: ALL EXCEPT host.example     |                         | sshd | false",
        "sshd: root@127.0.0.1              |                         | sshd | false",
        "sshd@server.example: ALL          |                         | sshd | false",
        "22: .example.test                 |                         | sshd | false",
        "ALL: ALL: spawn echo %a           |                         | sshd | false",
        "                                  | ALL: ALL: banners /tmp  | sshd | false",
        "                                  | ALL: ALL: rfc931        | sshd | false",
        "s*: host.example                  |                         | sshd | false",
    })
    void decidesFromAddresses_onlyWhenNoApplicableRuleNeedsALookup(String allow, String deny, String daemon,
            boolean expected) {
        AccessPolicy policy = Tables.policy(dir, lines(allow), lines(deny));

        assertThat(policy.decidesFromAddresses(daemon)).isEqualTo(expected);
        if (expected) {
            for (String client : new String[] {"127.0.0.1", "192.0.2.1", "10.1.2.3", "::1"}) {
                assertThatCode(() -> policy.decide(request(daemon, client), OptionEffects.DRY_RUN))
                        .as("deciding for %s", client).doesNotThrowAnyException();
            }
        }
    }

    private static String lines(String table) {
        return table == null ? "" : table + "\n";
    }

    private static AccessRequest request(String daemon, String client) throws Exception {
        return AccessRequest.builder()
                .daemon(daemon)
                .client(new InetSocketAddress(InetAddress.getByName(client), 40000))
                .server(new InetSocketAddress(InetAddress.getByName(client), 22))
                .services(NO_LOOKUP_ALLOWED)
                .build();
    }

    private static final LookupServices NO_LOOKUP_ALLOWED = new LookupServices(
            new HostResolver() {
                @Override
                public Optional<String> reverse(InetAddress address) {
                    throw new AssertionError("reverse lookup of " + address);
                }

                @Override
                public Optional<ForwardLookup> forward(String host, Family family) {
                    throw new AssertionError("forward lookup of " + host);
                }

                @Override
                public boolean inNetgroup(String group, String host) {
                    throw new AssertionError("netgroup lookup of " + group);
                }
            },
            (client, server, timeout) -> {
                throw new AssertionError("ident query");
            },
            new UserDatabase() {
                @Override
                public Optional<User> user(String name) {
                    throw new AssertionError("user lookup of " + name);
                }

                @Override
                public Optional<Group> group(String name) {
                    throw new AssertionError("group lookup of " + name);
                }
            });
}
