package dev.jwrap.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JNI name service answers exactly as the FFM one: both call the same C functions, so any
 * difference is a bug in one of the two bindings.
 */
class JniNameServiceTest {

    private final NameService jni = new JniNameService();
    private final NameService ffm = new GlibcNameService(new Libc());

    @Test
    void forwardLookupsAgreeWithTheFfmBinding() {
        for (String host : List.of("localhost", "127.0.0.1", "::1", "0x7f.1", "127.1", "ip6-localhost",
                "no-such-host.invalid", "caf\u00e9.invalid", "a\0b", "\u0151")) {
            for (Family family : Family.values()) {
                assertThat(jni.forward(host, family)).as(host + " " + family).isEqualTo(ffm.forward(host, family));
            }
        }
    }

    @Test
    void reverseLookupsAgreeWithTheFfmBinding() throws Exception {
        for (String address : List.of("127.0.0.1", "::1", "::ffff:127.0.0.1", "192.0.2.1", "fe80::1%1")) {
            InetAddress a = InetAddress.getByName(address);
            assertThat(jni.reverse(a)).as(address).isEqualTo(ffm.reverse(a));
        }
    }

    @Test
    void netgroupAnswersAgreeWithTheFfmBinding() {
        assertThat(jni.inNetgroup("no-such-netgroup", "localhost")).isEqualTo(ffm.inNetgroup("no-such-netgroup", "localhost"));
        assertThat(jni.inNetgroup("a\0b", "localhost")).isFalse();
    }

    @Test
    void decodesTheFlattenedAnswer_dropsDuplicates_keepsScopes() throws Exception {
        byte[] answer = {
            0, 3, 'a', 'b', 'c',
            4, 127, 0, 0, 1,
            6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            4, 127, 0, 0, 1,
            6, (byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2,
        };
        Optional<ForwardLookup> lookup = JniNameService.decode(answer);
        assertThat(lookup).isPresent();
        assertThat(lookup.get().canonicalName()).isEqualTo("abc");
        assertThat(lookup.get().addresses()).hasSize(3);
        assertThat(lookup.get().addresses().get(0)).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(((Inet6Address) lookup.get().addresses().get(2)).getScopeId()).isEqualTo(2);

        byte[] noName = {(byte) 0xff, (byte) 0xff, 4, 10, 0, 0, 1};
        assertThat(JniNameService.decode(noName).get().canonicalName()).isNull();
        assertThat(JniNameService.decode(new byte[] {(byte) 0xff, (byte) 0xff})).isEmpty();
    }
}
