package dev.jwrap.inetd.config;

import dev.jwrap.core.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads inetd.conf as openbsd-inetd does (spec §2): entries
 * {@code [host[,host…]:]service socktype proto[,sndbuf=N][,rcvbuf=N] wait|nowait[.max]
 * user[.group|:group] server [argv0 [arg…]]} and {@code host:} lines that set the default host.
 * A bad entry is reported as {@code file:line: error: reason} and skipped; the rest is kept. Fields
 * may continue on following lines that start with a blank ({@link FieldCursor}); {@code #jwrap:}
 * comments add jwrap's limits ({@link LimitsDirectiveParser}).
 *
 * <p>Documented deviations from openbsd-inetd: unknown protocol tokens ({@code tcpx}) and
 * {@code unix}/{@code rpc} entries are rejected instead of half-working; a protocol that does not
 * fit the socket type ({@code stream udp}) is rejected; more than 20 arguments, a
 * misspelled wait field and overlong lines get a warning (inetd is silent); {@code user:group} wins
 * over {@code user.group} when both separators appear. Stateless and thread-safe.
 */
public final class InetdConfigParser {

    /** openbsd-inetd's MAXARGV: further arguments are dropped. */
    public static final int MAX_ARGS = 20;

    private static final String SYNTAX_ERROR = "syntax error in inetd config file";

    private final ServicesDatabase services;
    private final ParserOptions options;

    public InetdConfigParser(ServicesDatabase services, ParserOptions options) {
        this.services = services;
        this.options = options;
    }

    /** Reads and parses {@code file}; an unreadable file is the caller's error (inetd exits). */
    public InetdConfig parse(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses the bytes of a file called {@code name} in diagnostics. */
    public InetdConfig parse(String name, byte[] content) {
        return new Run(name, new FieldCursor(content)).run();
    }

    /** The state of one parse: default host, diagnostics, accepted entries by key. */
    private final class Run {
        private final String file;
        private final FieldCursor cursor;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final Map<String, ServiceEntry> entries = new LinkedHashMap<>();
        private String defaultHost = "*";
        private ServiceLimits pendingLimits = ServiceLimits.NONE;
        private int pendingLimitsLine;

        Run(String file, FieldCursor cursor) {
            this.file = file;
            this.cursor = cursor;
        }

        InetdConfig run() {
            for (int line : cursor.overlongLines()) {
                warn(line, "line longer than " + (FieldCursor.INETD_LINE_BUFFER - 2)
                        + " characters: openbsd-inetd would cut it and read the rest as another line");
            }
            while (cursor.startEntry()) {
                collectLimits();
                readEntry();
            }
            collectLimits();
            if (pendingLimitsLine != 0) {
                warn(pendingLimitsLine, LimitsDirectiveParser.PREFIX + " comment is not followed by any entry");
            }
            diagnostics.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new InetdConfig(file, List.copyOf(entries.values()), diagnostics);
        }

        private void collectLimits() {
            for (FieldCursor.CommentLine c : cursor.skippedComments(LimitsDirectiveParser.PREFIX)) {
                pendingLimits = LimitsDirectiveParser.apply(pendingLimits, c.text(), file, c.line(), diagnostics);
                pendingLimitsLine = c.line();
            }
        }

        private void readEntry() {
            int line = cursor.entryLine();
            String first = cursor.field();
            if (first == null) {
                return; // blank line
            }
            String hostSpec = defaultHost;
            String service = first;
            int colon = first.lastIndexOf(':');
            if (colon >= 0) {
                hostSpec = hostPart(first.substring(0, colon));
                service = first.substring(colon + 1);
                if (service.isEmpty()) {
                    service = cursor.field();
                    if (service == null) {
                        defaultHost = hostSpec;
                        return;
                    }
                }
            }
            String[] fields = new String[4];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = cursor.field();
                if (fields[i] == null) {
                    error(line, SYNTAX_ERROR);
                    return;
                }
            }
            String serverField = cursor.field();
            if (serverField == null) {
                error(line, SYNTAX_ERROR);
                return;
            }
            List<String> args = new ArrayList<>();
            for (String arg = cursor.field(); arg != null; arg = cursor.field()) {
                args.add(arg);
            }
            ServiceLimits limits = pendingLimits;
            pendingLimits = ServiceLimits.NONE;
            pendingLimitsLine = 0;
            new EntryBuilder(line, hostSpec, service, fields, serverField, args, limits).build();
        }

        private String hostPart(String text) {
            if (text.isEmpty()) {
                return "*";
            }
            if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
                return text.substring(1, text.length() - 1);
            }
            return text;
        }

        /** Turns the fields of one entry into {@link ServiceEntry} records, or one error. */
        private final class EntryBuilder {
            private final int line;
            private final String hostSpec;
            private final String service;
            private final String[] fields;
            private final String serverField;
            private final List<String> args;
            private final ServiceLimits limits;

            EntryBuilder(int line, String hostSpec, String service, String[] fields, String serverField,
                    List<String> args, ServiceLimits limits) {
                this.line = line;
                this.hostSpec = hostSpec;
                this.service = service;
                this.fields = fields;
                this.serverField = serverField;
                this.args = args;
                this.limits = limits;
            }

            void build() {
                ProtocolField proto = ProtocolField.parse(fields[1], service);
                String name = service + "/" + proto.token();
                Optional<SocketType> type = SocketType.fromToken(fields[0]);
                if (type.isEmpty()) {
                    error(line, name + ": " + hostSpec + ": ai_socktype not supported"
                            + " (socket type \"" + fields[0] + "\"; jwrap knows stream and dgram)");
                    return;
                }
                if (proto.error() != null) {
                    error(line, proto.error());
                    return;
                }
                Optional<Protocol> protocol = Protocol.fromToken(proto.token());
                if (protocol.isEmpty()) {
                    error(line, name + ": " + unknownProtocol(proto.token()));
                    return;
                }
                if (protocol.get().socketType() != type.get()) {
                    error(line, name + ": socket type " + type.get().token() + " does not fit protocol "
                            + proto.token());
                    return;
                }
                List<String> hosts = List.of(hostSpec.split(",")).stream().filter(h -> !h.isEmpty()).toList();
                if (hosts.isEmpty()) {
                    error(line, name + ": no host address in \"" + hostSpec + "\"");
                    return;
                }
                Optional<ServiceEntry.TcpmuxName> tcpmux = tcpmuxName();
                Server server;
                if (serverField.equals("internal")) {
                    Optional<InternalService> builtin = tcpmux.isPresent()
                            ? Optional.empty()
                            : InternalService.find(service, type.get(), options.tcpmuxEnabled());
                    if (builtin.isEmpty()) {
                        error(line, "internal service " + service + " unknown");
                        return;
                    }
                    server = new Server.Internal(builtin.get());
                } else {
                    server = program();
                }
                int port = 0;
                if (tcpmux.isPresent()) {
                    if (protocol.get().socketType() != SocketType.STREAM) {
                        error(line, name + ": tcpmux services must be stream/tcp");
                        return;
                    }
                } else {
                    OptionalInt found = port(protocol.get());
                    if (found.isEmpty()) {
                        error(line, name + ": unknown service");
                        return;
                    }
                    port = found.getAsInt();
                }
                boolean wait = waitFlag(name) && !(server instanceof Server.Internal);
                int max = maxField();
                String[] userGroup = userGroup(fields[3]);
                Optional<String> group = Optional.ofNullable(userGroup[1]);
                for (String host : hosts) {
                    add(new ServiceEntry(line, host, service, port, type.get(), protocol.get(), proto.buffers(),
                            wait, max, userGroup[0], group, server, tcpmux, limits));
                    if (protocol.get().isDualStackPair()) {
                        add(new ServiceEntry(line, host, service, port, type.get(), protocol.get().ipv6Clone(),
                                proto.buffers(), wait, max, userGroup[0], group, server, tcpmux, limits));
                    }
                }
            }

            private String unknownProtocol(String token) {
                if (token.equals("unix") || token.startsWith("rpc/")) {
                    return "protocol " + token + " is not supported by jwrap";
                }
                return "unknown protocol \"" + token + "\" (tcp, tcp4, tcp6, tcp46, udp, udp4, udp6 or udp46)";
            }

            private Optional<ServiceEntry.TcpmuxName> tcpmuxName() {
                if (!options.tcpmuxEnabled() || !service.startsWith("tcpmux/") || service.length() <= 7) {
                    return Optional.empty();
                }
                String rest = service.substring(7);
                boolean plus = rest.startsWith("+");
                String name = plus ? rest.substring(1) : rest;
                return name.isEmpty() ? Optional.empty() : Optional.of(new ServiceEntry.TcpmuxName(name, plus));
            }

            private OptionalInt port(Protocol protocol) {
                OptionalInt numeric = ServicesDatabase.parsePort(service);
                if (numeric.isPresent() || service.chars().allMatch(Character::isDigit)) {
                    return numeric;
                }
                return services.portOf(service, protocol.servicesProtocol());
            }

            private Server program() {
                List<String> argv = new ArrayList<>(args);
                if (argv.size() > MAX_ARGS) {
                    warn(line, service + ": " + argv.size() + " arguments; only the first " + MAX_ARGS
                            + " are passed (as openbsd-inetd does)");
                    argv = argv.subList(0, MAX_ARGS);
                }
                if (argv.isEmpty()) {
                    int slash = serverField.lastIndexOf('/');
                    argv = List.of(slash >= 0 ? serverField.substring(slash + 1) : serverField);
                }
                return new Server.Program(serverField, argv);
            }

            private boolean waitFlag(String name) {
                String field = fields[2];
                int dot = field.indexOf('.');
                String word = dot < 0 ? field : field.substring(0, dot);
                if (!word.equals("wait") && !word.equals("nowait")) {
                    warn(line, name + ": \"" + word + "\" is neither wait nor nowait; treated as nowait");
                }
                return word.equals("wait");
            }

            private int maxField() {
                String field = fields[2];
                int dot = field.indexOf('.');
                if (dot < 0) {
                    return options.defaultMaxPerMinute();
                }
                String max = field.substring(dot + 1);
                if (!max.isEmpty() && max.length() <= 9 && max.chars().allMatch(c -> c >= '0' && c <= '9')
                        && Integer.parseInt(max) >= 1) {
                    return Integer.parseInt(max);
                }
                warn(line, service + ": illegal max field \"" + max + "\", setting to "
                        + options.defaultMaxPerMinute());
                return options.defaultMaxPerMinute();
            }

            /** {@code user:group} first (jwrap), then {@code user.group} (inetd). */
            private static String[] userGroup(String field) {
                int colon = field.indexOf(':');
                int sep = colon >= 0 ? colon : field.indexOf('.');
                return sep < 0
                        ? new String[] {field, null}
                        : new String[] {field.substring(0, sep), field.substring(sep + 1)};
            }
        }

        private void add(ServiceEntry entry) {
            // A duplicate replaces the earlier entry's settings (inetd's REDO); it keeps its place.
            entries.put(entry.key(), entry);
        }

        private void error(int line, String message) {
            diagnostics.add(Diagnostic.error(file, line, message));
        }

        private void warn(int line, String message) {
            diagnostics.add(Diagnostic.warning(file, line, message));
        }
    }
}
