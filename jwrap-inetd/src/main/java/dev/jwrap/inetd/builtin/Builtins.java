package dev.jwrap.inetd.builtin;

import dev.jwrap.inetd.config.InternalService;
import dev.jwrap.inetd.config.SocketType;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in services of one server, ready to be called by the supervisor: {@link #stream} for an
 * accepted connection (call {@link StreamBuiltin#serve} on a new virtual thread), {@link #datagram}
 * for a received request (UDP source filter already applied; discard is not filtered because it
 * never answers). One instance per server process: UDP chargen's line counter lives here.
 * Thread-safe.
 */
public final class Builtins {

    /** Default idle timeout for echo, discard, chargen and the TCPMUX request line. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    private final EchoService echo;
    private final DiscardService discard;
    private final ChargenService chargen;
    private final DaytimeService daytime;
    private final TimeService time;
    private final TcpmuxService tcpmux;
    private final UdpSourceFilter filter;

    /**
     * @param clock the clock of daytime (its zone is the one shown) and time
     * @param watchdog closes idle connections
     * @param idle how long a connection may make no progress
     * @param filter which UDP sources get an answer
     * @param tcpmuxServices the current TCPMUX services by name
     */
    public Builtins(Clock clock, IdleWatchdog watchdog, Duration idle, UdpSourceFilter filter,
            Supplier<Map<String, TcpmuxTarget>> tcpmuxServices) {
        this.echo = new EchoService(watchdog, idle);
        this.discard = new DiscardService(watchdog, idle);
        this.chargen = new ChargenService(watchdog, idle);
        this.daytime = new DaytimeService(clock);
        this.time = new TimeService(clock);
        this.tcpmux = new TcpmuxService(tcpmuxServices, watchdog, idle);
        this.filter = filter;
    }

    /** The TCP side of {@code service}. */
    public StreamBuiltin stream(InternalService service) {
        return switch (service) {
            case ECHO -> echo;
            case DISCARD -> discard;
            case CHARGEN -> chargen;
            case DAYTIME -> daytime;
            case TIME -> time;
            case TCPMUX -> tcpmux;
        };
    }

    /** The UDP side of {@code service}, filtered by source. */
    public DatagramBuiltin datagram(InternalService service) {
        if (!service.supports(SocketType.DGRAM)) {
            throw new IllegalArgumentException(service + " has no datagram form");
        }
        DatagramBuiltin inner = switch (service) {
            case ECHO -> echo;
            case DISCARD -> discard;
            case CHARGEN -> chargen;
            case DAYTIME -> daytime;
            case TIME -> time;
            case TCPMUX -> throw new AssertionError("checked above");
        };
        if (service == InternalService.DISCARD) {
            return inner;
        }
        return (request, source, channel) -> {
            if (filter.accepts(source)) {
                inner.answer(request, source, channel);
            }
        };
    }
}
