package dev.jwrap.proxy.tcpd;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;
import dev.jwrap.host.log.UnixSocketSyslog;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wrapper as this module's tests start it under a real inetd (the jwrap-cli jar with its
 * launcher is built after this module): the same {@link Tcpd} with the system services.
 */
public final class TcpdTestMain {

    private TcpdTestMain() {}

    public static void main(String[] args) {
        LookupServices services =
                new LookupServices(new SystemHostResolver(), new Rfc1413IdentClient(), new SystemUserDatabase());
        Tcpd tcpd = new Tcpd(services, ident -> {
            try {
                return UnixSocketSyslog.devLog(ident);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, System.getenv());
        System.exit(tcpd.run(TcpdArguments.parse(args)));
    }
}
