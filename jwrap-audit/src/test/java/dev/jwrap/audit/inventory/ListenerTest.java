package dev.jwrap.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1", "::1, [::1]", "::, [::]", "2001:db8::1, [2001:db8::1]",
        "2001:db8:0:1:0:0:0:1, [2001:db8:0:1::1]", "fe80::1:0:0:0, [fe80::1:0:0:0]", "1:0:2:0:3:0:4:0, [1:0:2:0:3:0:4:0]"
    })
    void addressesPrintLikeSs(String address, String text) throws Exception {
        SocketLine s = new SocketLine(Transport.TCP, address.contains(":"), InetAddress.getByName(address), 80, false, 0,
                SocketState.LISTEN, 0, 1);
        Listener l = new Listener(s, Exposure.of(s.local()), null, null, "not-found", List.of(), "root");
        assertThat(l.addressText()).isEqualTo(text);
    }
}
