package dev.jwrap.audit.inventory;

/**
 * The {@code st} column of /proc/net/tcp and friends: the kernel's {@code tcp_states.h} numbers,
 * printed as two hex digits. UDP and raw sockets reuse {@code CLOSE} for "bound, not connected" and
 * {@code ESTABLISHED} for "connected".
 */
public enum SocketState {
    ESTABLISHED(0x01),
    SYN_SENT(0x02),
    SYN_RECV(0x03),
    FIN_WAIT1(0x04),
    FIN_WAIT2(0x05),
    TIME_WAIT(0x06),
    CLOSE(0x07),
    CLOSE_WAIT(0x08),
    LAST_ACK(0x09),
    LISTEN(0x0A),
    CLOSING(0x0B),
    NEW_SYN_RECV(0x0C);

    private final int code;

    SocketState(int code) {
        this.code = code;
    }

    /** The kernel's number for the state. */
    public int code() {
        return code;
    }

    /** The state for a kernel number, or null when the kernel has one this list does not know. */
    static SocketState ofCode(int code) {
        for (SocketState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
