package dev.jwrap.inetd.config;

import java.util.OptionalInt;

/**
 * The protocol field split into its token and buffer option: {@code tcp,rcvbuf=16384} or
 * {@code tcp,sndbuf=64k} (spec §2.6). A size is decimal with an optional {@code k} or {@code m}
 * suffix. Debian's openbsd-inetd was observed to drop an entry that carries two buffer options
 * ({@code tcp4,rcvbuf=16384,sndbuf=65536}), so jwrap accepts one only.
 *
 * @param token the protocol word before the first comma
 * @param buffers the buffer sizes
 * @param error the message of the first problem, or null
 */
record ProtocolField(String token, SocketBuffers buffers, String error) {

    static ProtocolField parse(String field, String service) {
        String[] parts = field.split(",", -1);
        String token = parts[0];
        if (parts.length > 2) {
            return new ProtocolField(token, SocketBuffers.DEFAULT, service + ": too many buffer sizes");
        }
        OptionalInt snd = OptionalInt.empty();
        OptionalInt rcv = OptionalInt.empty();
        for (int i = 1; i < parts.length; i++) {
            String opt = parts[i];
            boolean isSnd = opt.startsWith("sndbuf=");
            if (!isSnd && !opt.startsWith("rcvbuf=")) {
                return new ProtocolField(token, SocketBuffers.DEFAULT,
                        service + ": malformed buffer size option '" + opt + "'");
            }
            String value = opt.substring("sndbuf=".length());
            OptionalInt size = size(value);
            if (size.isEmpty()) {
                return new ProtocolField(token, SocketBuffers.DEFAULT,
                        service + ": invalid buffer size '" + value + "'");
            }
            if (isSnd) {
                snd = size;
            } else {
                rcv = size;
            }
        }
        return new ProtocolField(token, new SocketBuffers(snd, rcv), null);
    }

    private static OptionalInt size(String value) {
        long factor = 1;
        String digits = value;
        if (value.endsWith("k") || value.endsWith("K")) {
            factor = 1024;
            digits = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m") || value.endsWith("M")) {
            factor = 1024 * 1024;
            digits = value.substring(0, value.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        long bytes = Long.parseLong(digits) * factor;
        return bytes >= 1 && bytes <= Integer.MAX_VALUE ? OptionalInt.of((int) bytes) : OptionalInt.empty();
    }
}
