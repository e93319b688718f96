package dev.jwrap.inetd.builtin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RFC 1078 TCPMUX (spec §7; openbsd-inetd has none, this follows the RFC and FreeBSD's inetd):
 * the client sends a service name and CR LF (read one byte at a time so nothing of the service's
 * own data is consumed, at most {@link #MAX_NAME} bytes, within the idle timeout). {@code HELP}
 * lists the names, one per CR LF line; an unknown name gets {@code -Service not available\r\n};
 * a known one is handed to its {@link TcpmuxTarget}, which sends {@code +Go\r\n} for {@code +}
 * services once it has admitted the client.
 * Names are compared case-insensitively.
 */
public final class TcpmuxService implements StreamBuiltin {

    /** Longest accepted request line, CR LF included. */
    public static final int MAX_NAME = 256;

    static final byte[] NOT_AVAILABLE = "-Service not available\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GO = "+Go\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<Map<String, TcpmuxTarget>> services;
    private final IdleWatchdog watchdog;
    private final Duration idle;

    /** @param services the current TCPMUX services by name (re-read per request, so reloads apply) */
    public TcpmuxService(Supplier<Map<String, TcpmuxTarget>> services, IdleWatchdog watchdog, Duration idle) {
        this.services = services;
        this.watchdog = watchdog;
        this.idle = idle;
    }

    @Override
    public void serve(SocketChannel connection) {
        Conversation c = new Conversation(connection, watchdog, idle);
        boolean handedOn = false;
        try {
            String name = readName(c);
            if (name == null) {
                c.writeFully(ByteBuffer.wrap(NOT_AVAILABLE));
                return;
            }
            Map<String, TcpmuxTarget> current = services.get();
            if (name.equalsIgnoreCase("help")) {
                StringBuilder list = new StringBuilder();
                current.keySet().stream().sorted().forEach(n -> list.append(n).append("\r\n"));
                c.writeFully(ByteBuffer.wrap(list.toString().getBytes(StandardCharsets.ISO_8859_1)));
                return;
            }
            TcpmuxTarget target = current.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (target == null) {
                c.writeFully(ByteBuffer.wrap(NOT_AVAILABLE));
                return;
            }
            c.release();
            handedOn = true;
            target.start(connection, () -> {
                if (target.plus()) {
                    ByteBuffer go = ByteBuffer.wrap(GO);
                    while (go.hasRemaining()) {
                        connection.write(go);
                    }
                }
            });
        } catch (IOException ended) {
            // client gone or idle timeout
        } finally {
            if (!handedOn) {
                c.close();
            }
        }
    }

    /** The name up to LF (a CR before it dropped), or null when the line is too long; EOF throws. */
    private static String readName(Conversation c) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder name = new StringBuilder();
        while (name.length() < MAX_NAME) {
            one.clear();
            if (c.read(one) < 0) {
                throw new IOException("EOF before the service name");
            }
            char ch = (char) (one.get(0) & 0xff);
            if (ch == '\n') {
                int len = name.length();
                return len > 0 && name.charAt(len - 1) == '\r' ? name.substring(0, len - 1) : name.toString();
            }
            name.append(ch);
        }
        return null;
    }
}
