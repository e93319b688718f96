package dev.jwrap.proxy.guard;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.jwrap.core.sys.Downcall;
import dev.jwrap.host.process.ChannelDescriptors;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;

/**
 * Writes the last bytes of a direction, the ones its source's end of stream follows, with
 * {@code MSG_MORE}: the kernel holds them until the FIN that the {@code shutdown} or {@code close}
 * right after sends, and both leave in one segment. Written with a plain {@code write}, the bytes
 * leave at once (TCP_NODELAY) and the FIN in a second segment, which the peer acknowledges on
 * its own: for a short request and its answer, four segments more per relayed connection
 * (docs/PERFORMANCE.md §10). The JDK has no {@code MSG_MORE}, so this calls {@code send(2)} on the
 * channel's descriptor (read from {@code sun.nio.ch}, opened by the jar's manifest and the
 * launchers); where that is not possible, or the send fails, the channel's own write does the work
 * (and reports an error in its own terms). Loop thread only.
 */
final class LastWrite {

    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_MORE = 0x8000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** send(int fd, const void *buf, size_t len, int flags): a non-blocking call of a few µs, so "critical". */
    private static final MethodHandle SEND;

    static {
        MethodHandle send = null;
        try {
            // the class SocketChannel.open() returns, named so that no socket is opened to learn it
            if (ChannelDescriptors.readable(Class.forName("sun.nio.ch.SocketChannelImpl").asSubclass(Channel.class))) {
                send = Downcall.of("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                        Linker.Option.critical(false)).handle();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // sun.nio.ch not opened to this code, another JDK, or no native access: plain writes
            send = null;
        }
        SEND = send;
    }

    private LastWrite() {}

    /** Whether the bytes can be held for the FIN (false: they go out with a plain write). */
    static boolean available() {
        return SEND != null;
    }

    /** Writes what {@code to} takes of {@code bytes} now, to be followed at once by the FIN. */
    static void write(SocketChannel to, ByteBuffer bytes) throws IOException {
        if (SEND != null && bytes.isDirect()) {
            long sent;
            try {
                sent = (long) SEND.invokeExact(ChannelDescriptors.descriptorOf(to), MemorySegment.ofBuffer(bytes), (long) bytes.remaining(),
                        MSG_MORE | MSG_DONTWAIT | MSG_NOSIGNAL);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("send: " + t, t);
            }
            if (sent >= 0) {
                bytes.position(bytes.position() + (int) sent);
                return;
            }
        }
        to.write(bytes);
    }
}
