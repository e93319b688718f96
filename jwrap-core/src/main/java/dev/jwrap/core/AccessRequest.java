package dev.jwrap.core;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.match.HostEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection to decide on: the daemon (process) name, the client and server endpoints, and
 * the client's user name, each determined lazily — a name lookup or an ident query happens only
 * when a rule, option or expansion needs it, as in libwrap.
 *
 * <p>Build one per connection with {@link #builder()}, or {@link #of} for hosts_ctl-style string
 * queries. Not thread-safe: a request belongs to the thread handling its connection.
 */
public final class AccessRequest {

    /** The daemon name libwrap uses when none is given. */
    public static final String UNKNOWN = HostEndpoint.UNKNOWN;

    /** libwrap's default ident timeout (RFC931_TIMEOUT). */
    public static final Duration DEFAULT_IDENT_TIMEOUT = Duration.ofSeconds(10);

    private String daemon;
    private final HostEndpoint client;
    private final HostEndpoint server;
    private String user;
    private final boolean datagram;
    private final LookupServices services;
    private final DiagnosticListener diagnostics;
    private Duration identTimeout;

    private AccessRequest(Builder b) {
        this.daemon = b.daemon == null ? UNKNOWN : truncate(b.daemon);
        this.client = b.client == null ? HostEndpoint.unknown() : b.client;
        this.server = b.server == null ? HostEndpoint.unknown() : b.server;
        this.user = b.user == null || b.user.isEmpty() ? null : truncate(b.user);
        this.datagram = b.datagram;
        this.services = b.services;
        this.diagnostics = b.diagnostics;
        this.identTimeout = b.identTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request from strings only, like libwrap's {@code hosts_ctl(daemon, name, addr, user)}:
     * nothing is looked up; null, empty or {@code "unknown"} values are unknown.
     */
    public static AccessRequest of(String daemon, String clientName, String clientAddress, String user) {
        return builder()
                .daemon(daemon)
                .client(HostEndpoint.ofStrings(clientName, clientAddress))
                .user(user == null || user.isEmpty() ? UNKNOWN : user)
                .build();
    }

    /** The daemon (process) name, {@code %d}. */
    public String daemon() {
        return daemon;
    }

    public HostEndpoint client() {
        return client;
    }

    public HostEndpoint server() {
        return server;
    }

    public boolean isDatagram() {
        return datagram;
    }

    public LookupServices services() {
        return services;
    }

    public DiagnosticListener diagnostics() {
        return diagnostics;
    }

    /** The client host name, looked up (and double-checked) now if needed: {@code %n}. */
    public String clientName() {
        return client.name(services.resolver(), diagnostics);
    }

    /** The server host name, looked up now if needed: {@code %N}. */
    public String serverName() {
        return server.name(services.resolver(), diagnostics);
    }

    /** Whether the user name has been determined (given, or asked for with ident). */
    public boolean userKnown() {
        return user != null;
    }

    /** The user name if already determined, else null; never starts an ident query. */
    public String userIfKnown() {
        return user;
    }

    /**
     * The client user name ({@code %u}): determined now with an ident query if needed (stream
     * connections with both socket addresses only), else {@code unknown}.
     */
    public String user() {
        if (user == null) {
            user = UNKNOWN;
            InetSocketAddress c = client.socketAddress().orElse(null);
            InetSocketAddress s = server.socketAddress().orElse(null);
            if (!datagram && c != null && s != null) {
                user = truncate(services.ident().lookup(c, s, identTimeout));
            }
        }
        return user;
    }

    /** The ident timeout in force; the {@code rfc931} option changes it. */
    public Duration identTimeout() {
        return identTimeout;
    }

    public void setIdentTimeout(Duration timeout) {
        this.identTimeout = Objects.requireNonNull(timeout);
    }

    /** Stores the sanitised daemon name (what a %-expansion does to libwrap's request in place). */
    public void setDaemon(String daemon) {
        this.daemon = daemon;
    }

    /** Stores the sanitised user name. */
    public void setUser(String user) {
        this.user = user;
    }

    /**
     * {@code %c}: {@code user@host} when the user has been determined and is not unknown, else
     * the client host info.
     */
    public String clientInfo() {
        String host = client.hostInfo();
        return user != null && !Ascii.equalsIgnoreCase(user, UNKNOWN) ? user + "@" + host : host;
    }

    /** {@code %s}: {@code daemon@serverhost}, or just the daemon when the server host is unknown. */
    public String serverInfo() {
        String host = server.hostInfo();
        return Ascii.equalsIgnoreCase(host, UNKNOWN) ? daemon : daemon + "@" + host;
    }

    static String truncate(String s) {
        return s.length() > 127 ? s.substring(0, 127) : s;
    }

    /** Builds an {@link AccessRequest}. */
    public static final class Builder {
        private String daemon;
        private HostEndpoint client;
        private HostEndpoint server;
        private String user;
        private boolean datagram;
        private LookupServices services = LookupServices.OFFLINE;
        private DiagnosticListener diagnostics = DiagnosticListener.IGNORE;
        private Duration identTimeout = DEFAULT_IDENT_TIMEOUT;

        private Builder() {}

        public Builder daemon(String daemon) {
            this.daemon = daemon;
            return this;
        }

        /** The client by socket address: address now, name and user on demand. */
        public Builder client(InetSocketAddress address) {
            return client(HostEndpoint.ofSocket(address));
        }

        public Builder client(HostEndpoint client) {
            this.client = client;
            return this;
        }

        public Builder server(InetSocketAddress address) {
            return server(HostEndpoint.ofSocket(address));
        }

        public Builder server(HostEndpoint server) {
            this.server = server;
            return this;
        }

        /** The client user name when already known (null: ask ident on demand). */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** A datagram (UDP) service: no ident lookups. */
        public Builder datagram(boolean datagram) {
            this.datagram = datagram;
            return this;
        }

        public Builder services(LookupServices services) {
            this.services = Objects.requireNonNull(services);
            return this;
        }

        /** Where warnings found while deciding go (name mismatches, option errors, verbose lines). */
        public Builder diagnostics(DiagnosticListener diagnostics) {
            this.diagnostics = Objects.requireNonNull(diagnostics);
            return this;
        }

        public Builder identTimeout(Duration timeout) {
            this.identTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public AccessRequest build() {
            return new AccessRequest(this);
        }
    }
}
