package dev.jwrap.audit.review;

import dev.jwrap.audit.inventory.Listener;
import dev.jwrap.audit.inventory.Transport;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.rpc.PortmapperClient;
import dev.jwrap.audit.rpc.RpcMapping;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks the portmapper which RPC programs it has registered (spec §4.3), so that the dynamic ports
 * of mountd, statd, nlockmgr ... get a name and a judgement. Only on the live system, over loopback,
 * when the inventory shows a TCP listener on port 111 that loopback reaches; a test may name the
 * portmapper to ask instead.
 */
final class PortmapperReview {

    static final int PORT = 111;
    private static final int PORTMAPPER_PROGRAM = 100000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KnowledgeBase kb;

    PortmapperReview(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * The registrations, named; empty when there is no portmapper to ask.
     *
     * @param given the portmapper to ask, null to find it in the live inventory
     * @param limitations gets one sentence when the portmapper does not answer
     */
    List<RpcRegistration> review(InetSocketAddress given, boolean live, List<Listener> listeners,
            List<String> limitations) {
        Optional<InetSocketAddress> address = given != null ? Optional.of(given)
                : live ? loopbackPortmapper(listeners) : Optional.empty();
        if (address.isEmpty()) {
            return List.of();
        }
        try {
            List<RpcMapping> mappings = new PortmapperClient(TIMEOUT).dump(address.get());
            return mappings.stream().map(m -> new RpcRegistration(m, row(m))).toList();
        } catch (IOException e) {
            limitations.add("the portmapper at " + address.get().getAddress().getHostAddress() + " port "
                    + address.get().getPort() + " did not list its programs: " + Auditor.reason(e));
            return List.of();
        }
    }

    /** The program's row; the portmapper registers itself, and its row is the one of its fixed port. */
    private dev.jwrap.audit.kb.KbEntry row(RpcMapping m) {
        return kb.byRpcProgram(m.program())
                .or(() -> m.program() == PORTMAPPER_PROGRAM ? kb.byPort(PORT, m.transport()) : Optional.empty())
                .orElse(null);
    }

    private static Optional<InetSocketAddress> loopbackPortmapper(List<Listener> listeners) {
        return listeners.stream()
                .filter(l -> l.transport() == Transport.TCP && l.port() == PORT)
                .map(Listener::address)
                .filter(a -> a.isLoopbackAddress() || a.isAnyLocalAddress())
                .map(a -> new InetSocketAddress(loopbackOf(a), PORT))
                .findFirst();
    }

    private static InetAddress loopbackOf(InetAddress bound) {
        return bound instanceof Inet4Address ? InetAddress.ofLiteral("127.0.0.1") : InetAddress.ofLiteral("::1");
    }
}
