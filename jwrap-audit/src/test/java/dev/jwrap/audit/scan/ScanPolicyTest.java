package dev.jwrap.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanPolicyTest {

    @ParameterizedTest(name = "{0} remote={1} public={2} -> allowed={3}")
    @CsvSource({
        "127.0.0.1, false, false, true", "127.3.4.5, false, false, true", "::1, false, false, true",
        "10.1.2.3, false, false, true", // an own interface address
        "10.9.9.9, false, false, false", "10.9.9.9, true, false, true", "fd00::1, true, false, true",
        "192.0.2.1, false, false, false", "192.0.2.1, true, false, false", "192.0.2.1, true, true, true",
        "0.0.0.0, true, true, false", "224.0.0.1, true, true, false"
    })
    void onlyThisHostWithoutFlags(String address, boolean remote, boolean publicToo, boolean allowed) throws Exception {
        ScanPolicy policy = ScanPolicy.of(Set.of(InetAddress.getByName("10.1.2.3")));
        String refusal = policy.refusal(address, List.of(InetAddress.getByName(address)), remote, publicToo);
        assertThat(refusal == null).as(refusal).isEqualTo(allowed);
    }
}
