package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.jwrap.core.internal.AddressText;
import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against the real C library and the machine's /etc/hosts; only the standard {@code localhost}
 * entry and numeric forms are relied on, and the one name that goes past /etc/hosts is in the
 * reserved {@code .invalid} domain.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemHostResolverTest {

    private static SystemHostResolver resolver;

    @BeforeAll
    static void open() {
        resolver = new SystemHostResolver(Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() {
        resolver.close();
    }

    private static List<String> texts(ForwardLookup lookup) {
        return lookup.addresses().stream().map(AddressText::format).toList();
    }

    @Test
    void forward_localhostInet_isLoopbackWithCanonicalName() {
        ForwardLookup lookup = resolver.forward("localhost", Family.INET).orElseThrow();
        assertThat(lookup.canonicalName()).isEqualTo("localhost");
        assertThat(lookup.addresses()).allMatch(a -> a instanceof Inet4Address);
        assertThat(texts(lookup)).contains("127.0.0.1").doesNotHaveDuplicates();
    }

    @Test
    void forward_localhostAny_includesIpv4LoopbackWithoutDuplicates() {
        ForwardLookup lookup = resolver.forward("localhost", Family.ANY).orElseThrow();
        assertThat(texts(lookup)).contains("127.0.0.1").doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
        "127.0.0.1,        ANY,   127.0.0.1",
        "127.0.0.1,        INET,  127.0.0.1",
        "127.1,            ANY,   127.0.0.1",
        "0x7f.1,           ANY,   127.0.0.1",
        "192.0.2,          ANY,   192.0.0.2",
        "0,                ANY,   0.0.0.0",
        "255.255.255.255,  ANY,   255.255.255.255",
        "017.0.0.1,        ANY,   15.0.0.1",
        "::1,              ANY,   ::1",
        "::1,              INET6, ::1",
        "2001:DB8::1,      ANY,   2001:db8::1",
        "::ffff:127.0.0.1, INET6, ::ffff:127.0.0.1",
    })
    void forward_numericForms_resolveAsGlibcDoes(String host, Family family, String expected) {
        ForwardLookup lookup = resolver.forward(host, family).orElseThrow();
        assertThat(texts(lookup)).containsExactly(expected);
        // glibc reports the numeric text itself as the canonical name (no tcpdmatch "alias" line).
        assertThat(lookup.canonicalName()).isEqualTo(host);
    }

    @Test
    void forward_mappedIpv6Literal_staysIpv6() {
        InetAddress a = resolver.forward("::ffff:127.0.0.1", Family.INET6).orElseThrow().addresses().getFirst();
        assertThat(a).isInstanceOf(Inet6Address.class);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"::1, INET", "127.0.0.1, INET6", "1.2.3.4.5, ANY", "' 127.0.0.1', ANY", "'', ANY"})
    void forward_numericOfOtherFamilyOrMalformed_isEmpty(String host, Family family) {
        assertThat(resolver.forward(host, family)).isEmpty();
    }

    @Test
    void forward_scopedLinkLocal_keepsScopeId() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeThat(lo).as("loopback interface named lo").isNotNull();
        ForwardLookup lookup = resolver.forward("fe80::1%lo", Family.INET6).orElseThrow();
        Inet6Address a = (Inet6Address) lookup.addresses().getFirst();
        assertThat(a.getScopeId()).isEqualTo(lo.getIndex());
        assertThat(texts(lookup)).containsExactly("fe80::1%" + lo.getIndex());
    }

    @Test
    void forward_invalidTld_isEmpty() {
        assertThat(resolver.forward("no-such-host.invalid", Family.ANY)).isEmpty();
        assertThat(resolver.forward("no-such-host.invalid", Family.INET)).isEmpty();
    }

    @Test
    void forward_nameTheCLibraryCannotBeGiven_isEmpty() {
        assertThat(resolver.forward("local\0host", Family.ANY)).isEmpty();
        assertThat(resolver.forward("\u4e2d\u6587.invalid", Family.ANY)).isEmpty();
    }

    @Test
    void resolveHostArgument_isNumericFirstAnyFamily() {
        assertThat(resolver.resolveHostArgument("192.0.2").map(SystemHostResolverTest::texts))
                .contains(List.of("192.0.0.2"));
        assertThat(resolver.resolveHostArgument("localhost").map(ForwardLookup::canonicalName))
                .contains("localhost");
    }

    @Test
    void reverse_ipv4Loopback_isLocalhost() throws Exception {
        assertThat(resolver.reverse(InetAddress.getByName("127.0.0.1"))).contains("localhost");
    }

    @Test
    void reverse_ipv4MappedLoopback_isLookedUpAsIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(resolver.reverse(address)).isEqualTo(resolver.reverse(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void reverse_ipv6Loopback_answersWithANameOrNothing() throws Exception {
        // Not every /etc/hosts names ::1 (this machine's does not); when it does, the name is real.
        Optional<String> name = resolver.reverse(InetAddress.getByName("::1"));
        name.ifPresent(n -> assertThat(n).isNotBlank());
    }

    @Test
    void inNetgroup_unknownGroup_isFalse() {
        assertThat(resolver.inNetgroup("jwrap-no-such-netgroup", "localhost")).isFalse();
    }

    @Test
    void constructor_rejectsNonPositiveTimeout() {
        assertThatThrownBy(() -> new SystemHostResolver(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SystemHostResolver(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }
}
