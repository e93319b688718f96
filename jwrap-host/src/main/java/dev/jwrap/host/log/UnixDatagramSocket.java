package dev.jwrap.host.log;

import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * An unbound AF_UNIX datagram socket that sends to a path (or an abstract name written
 * {@code @name}), through the C library: the JDK cannot (DatagramChannel refuses the UNIX
 * family, inetd.md §9.8). Sends never block: a full socket buffer drops the datagram, as a server
 * must not stall on a slow log daemon.
 *
 * <p>The socket is connected to the path once, as glibc's syslog() connects once, and each
 * datagram is a plain send(): a sendto() with the path looks the path up in the file system
 * again for every message, which costs more than the send itself (measured in
 * docs/PERFORMANCE.md §7, a line per connection for inetd -l and tcpd). When the receiver went
 * away (a restarted journald: ECONNREFUSED, then ENOTCONN) or was not there yet, the next send
 * connects again, so a new receiver at the path is found at once. Where nothing listens at all
 * (no syslog daemon, as in many containers), glibc tries a failed connect() again for every
 * message; this class tries once more at the next message (a daemon that is just starting), then
 * at most once a second until a connect succeeds, and drops the messages in between without a
 * system call (a failed connect() per log line cost a guarded connection ≈ 3 % of its CPU time,
 * docs/PERFORMANCE.md §10). This class keeps that policy;
 * its subclasses make the three system calls (libjwrap.so's JNI functions, or FFM downcalls
 * where the library is missing). Thread-safe (a send is one system call; a reconnect re-targets
 * the same descriptor, never closes it); close once.
 */
abstract class UnixDatagramSocket implements AutoCloseable {

    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    private static final int ENOTCONN = 107;
    private static final int ECONNREFUSED = 111;
    private static final int SUN_PATH_MAX = 107;
    /** How long to leave the path alone after failed connects in a row. */
    static final long RETRY_NANOS = 1_000_000_000L;
    /** Failed connects in a row after which the socket backs off for {@link #RETRY_NANOS}. */
    private static final int FAILURES_BEFORE_BACK_OFF = 2;

    /** Whether the descriptor is connected to the receiver at the path (as far as the last call knows). */
    private volatile boolean connected;
    // Races between threads only cost an extra connect() or a dropped line, as with no back-off.
    private volatile int failedConnects;
    private volatile int lastConnectError;
    private volatile long retryAt;
    private LongSupplier clock = System::nanoTime;

    /**
     * Opens a socket for {@code path}: through libjwrap.so when it is loaded ({@link NativeLibc}),
     * which costs jwrap tcpd's start-up no generated classes, else through FFM.
     *
     * @throws IOException when the path does not fit a sockaddr_un or socket() fails
     */
    static UnixDatagramSocket open(String path) throws IOException {
        byte[] address = sockaddr(path);
        return NativeLibc.available() ? new JniUnixDatagramSocket(address) : new FfmUnixDatagramSocket(address);
    }

    /**
     * The {@code struct sockaddr_un} for {@code path}, exactly as long as connect() is told: the
     * family, the path and its NUL; for an abstract name ({@code @name}, as systemd writes it) a
     * NUL first byte and no terminating NUL.
     */
    static byte[] sockaddr(String path) throws IOException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SUN_PATH_MAX) {
            throw new IOException(path + ": UNIX domain socket path too long");
        }
        boolean abstractName = path.startsWith("@");
        byte[] address = new byte[2 + bytes.length + (abstractName ? 0 : 1)];
        // sun_family in host byte order
        address[ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 1] = AF_UNIX;
        System.arraycopy(bytes, 0, address, 2, bytes.length);
        if (abstractName) {
            address[2] = 0;
        }
        return address;
    }

    /**
     * Sends one datagram.
     *
     * @return 0 when sent, else the errno (ENOENT / ECONNREFUSED when nobody listens, EAGAIN when
     *     the receiver is full)
     */
    int send(byte[] datagram) {
        if (!mayDeliver()) {
            return lastConnectError;
        }
        int error = connected ? 0 : reconnect();
        if (error != 0) {
            return error;
        }
        error = sendConnected(datagram);
        if (error == ECONNREFUSED || error == ENOTCONN) {
            // the receiver is gone; one at the path now (a restarted log daemon) gets this datagram
            connected = false;
            error = reconnect();
            if (error == 0) {
                error = sendConnected(datagram);
            }
        }
        return error;
    }

    /**
     * Whether a datagram sent now may reach a receiver: false while backing off after failed
     * connects, when {@link #send} would drop it without a system call (so the caller need not
     * even format it).
     */
    boolean mayDeliver() {
        return connected || failedConnects < FAILURES_BEFORE_BACK_OFF || clock.getAsLong() - retryAt >= 0;
    }

    private int reconnect() {
        int error = connect();
        connected = error == 0;
        if (connected) {
            failedConnects = 0;
        } else {
            lastConnectError = error;
            retryAt = clock.getAsLong() + RETRY_NANOS;
            failedConnects++;
        }
        return error;
    }

    /** Replaces {@link System#nanoTime} as the clock of the back-off (tests). */
    void useClock(LongSupplier nanoTime) {
        this.clock = nanoTime;
    }

    /** connect() to the path: 0 or the errno (ENOENT: nothing there). */
    abstract int connect();

    /** send(MSG_DONTWAIT | MSG_NOSIGNAL) on the connected socket: 0 or the errno. */
    abstract int sendConnected(byte[] datagram);

    @Override
    public abstract void close();
}
