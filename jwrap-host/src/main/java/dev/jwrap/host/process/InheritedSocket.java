package dev.jwrap.host.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;

/**
 * A bound IPv4/IPv6 socket this process inherited as a bare descriptor (from systemd socket
 * activation), and the way to serve it with a JDK channel. The JDK cannot wrap an arbitrary
 * descriptor, so {@link #adopt} opens a fresh channel of the same family and kind, puts a duplicate
 * of the inherited socket on the channel's own descriptor number with {@code dup2} (which closes
 * the fresh socket), and records the bound address in the channel (reflection into
 * {@code sun.nio.ch}, like {@link ChannelDescriptors}) so that it accepts or receives instead of
 * binding again. The inherited descriptor itself stays open until {@link #close}, so a socket can be
 * adopted again after its channel was closed (a reload) without ever being bound anew.
 *
 * @param fd the inherited descriptor
 * @param name its systemd name ({@code FileDescriptorName=})
 * @param kind listening stream socket or datagram socket
 * @param localAddress the address it is bound to
 * @param v6Only for IPv6 sockets: whether {@code IPV6_V6ONLY} is set (false: also takes IPv4)
 */
public record InheritedSocket(int fd, String name, Kind kind, InetSocketAddress localAddress, boolean v6Only) {

    /** What the socket is. */
    public enum Kind {
        /** {@code SOCK_STREAM} with {@code listen} called. */
        STREAM_LISTENER,
        /** {@code SOCK_DGRAM}. */
        DATAGRAM
    }

    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;

    public InheritedSocket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localAddress, "localAddress");
    }

    /**
     * Looks at the inherited {@code fd}.
     *
     * @throws IOException when it is not an IPv4/IPv6 listening stream socket or datagram socket
     *     (a UNIX socket, a connected one, a file, a closed descriptor); the message says which
     */
    public static InheritedSocket inspect(int fd, String name) throws IOException {
        Posix posix = Native.POSIX;
        int type = posix.getsockoptInt(fd, SOL_SOCKET, SO_TYPE);
        if (type < 0) {
            throw new IOException("fd " + fd + " (" + name + "): not a socket: " + posix.describe(-type));
        }
        InetSocketAddress local;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SocketAddresses.STORAGE_SIZE);
            int rc = posix.getsockname(fd, address);
            if (rc < 0) {
                throw new IOException("fd " + fd + " (" + name + "): getsockname: " + posix.describe(-rc));
            }
            try {
                local = SocketAddresses.decode(address);
            } catch (IOException e) {
                throw new IOException("fd " + fd + " (" + name + "): " + e.getMessage(), e);
            }
        }
        Kind kind = switch (type) {
            case SOCK_STREAM -> {
                if (posix.getsockoptInt(fd, SOL_SOCKET, SO_ACCEPTCONN) != 1) {
                    throw new IOException("fd " + fd + " (" + name + "): stream socket is not listening");
                }
                yield Kind.STREAM_LISTENER;
            }
            case SOCK_DGRAM -> Kind.DATAGRAM;
            default -> throw new IOException("fd " + fd + " (" + name + "): socket type " + type
                    + " is neither stream nor datagram");
        };
        boolean v6Only = local.getAddress() instanceof Inet6Address
                && posix.getsockoptInt(fd, IPPROTO_IPV6, IPV6_V6ONLY) == 1;
        return new InheritedSocket(fd, name, kind, local, v6Only);
    }

    /**
     * A new channel serving this socket: a {@link ServerSocketChannel} for a listener, else a
     * {@link DatagramChannel}. Closing it leaves the inherited descriptor open.
     */
    public NetworkChannel adopt(ChannelDescriptors descriptors) throws IOException {
        ProtocolFamily family = localAddress.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        NetworkChannel channel = kind == Kind.STREAM_LISTENER
                ? ServerSocketChannel.open(family) : DatagramChannel.open(family);
        try {
            int target = descriptors.fd(channel);
            int rc = Native.POSIX.dup2(fd, target);
            if (rc < 0) {
                throw new IOException("dup2 " + fd + " onto " + target + ": " + Native.POSIX.describe(-rc));
            }
            markBound(channel, localAddress);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Closes the inherited descriptor (adopted channels are not affected). */
    public void close() {
        Native.POSIX.close(fd);
    }

    /** Bound on first use: only a process that inherited sockets needs these calls. */
    private static final class Native {
        static final Posix POSIX = new Posix();
    }

    /** Tells the JDK channel it is bound already, so it accepts/receives rather than binding. */
    private static void markBound(NetworkChannel channel, InetSocketAddress address) {
        for (Class<?> c = channel.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField("localAddress");
                field.setAccessible(true);
                field.set(channel, address);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException | IllegalAccessException e) {
                throw new IllegalStateException("cannot adopt a socket into " + channel.getClass().getName()
                        + "; launch the JVM with --add-opens java.base/sun.nio.ch=ALL-UNNAMED", e);
            }
        }
        throw new IllegalStateException("this JDK's " + channel.getClass().getName() + " has no localAddress field");
    }
}
