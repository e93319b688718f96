package dev.jwrap.host.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The int file descriptor behind a JDK socket channel, so it can be handed to a child
 * (inetd.md §9.3 option B). The JDK's channel implementations keep it in a private field
 * {@code fdVal}; reading it needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (or the
 * {@code Add-Opens} manifest attribute of an executable jar). The channel keeps owning the
 * descriptor: close the channel once the child has been spawned. Thread-safe.
 */
public final class ChannelDescriptors {

    private final Posix posix;

    /**
     * @throws UnsupportedOperationException when not on 64-bit Linux with glibc
     */
    public ChannelDescriptors() {
        this(new Posix());
    }

    ChannelDescriptors(Posix posix) {
        this.posix = Objects.requireNonNull(posix, "posix");
    }

    /**
     * The descriptor of an open {@link SocketChannel}, {@link ServerSocketChannel} or
     * {@link DatagramChannel}.
     *
     * @throws IllegalArgumentException for another kind of channel or a closed one
     * @throws IllegalStateException when {@code sun.nio.ch} is not opened to this code
     */
    public int fd(Channel channel) {
        return descriptorOf(channel);
    }

    /**
     * {@link #fd}, without the C library bindings an instance makes: fast enough for a relay's
     * every write (the field is found once per channel class, then read through a VarHandle).
     */
    public static int descriptorOf(Channel channel) {
        if (!(channel instanceof SocketChannel || channel instanceof ServerSocketChannel
                || channel instanceof DatagramChannel)) {
            throw new IllegalArgumentException("not a JDK socket channel: " + channel.getClass().getName());
        }
        if (!channel.isOpen()) {
            throw new IllegalArgumentException("channel is closed: " + channel);
        }
        return (int) FD_FIELDS.get(channel.getClass()).get(channel);
    }

    /** Whether {@link #descriptorOf} can read the descriptors of {@code channel}'s class here. */
    public static boolean readable(Class<? extends Channel> channelClass) {
        try {
            FD_FIELDS.get(channelClass);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Clears {@code O_NONBLOCK} on {@code fd}. The JDK quietly makes a channel's descriptor
     * non-blocking once a virtual thread or a selector used it (even when {@code isBlocking()}
     * still says true); a child such as {@code cat} would then fail with EAGAIN. The flag belongs
     * to the open file, so the JVM's own channel sees it too: do this only for a descriptor the
     * JVM will not use again, or accept that the channel becomes blocking.
     *
     * @throws SpawnException when fcntl fails (a bad descriptor)
     */
    public void makeBlocking(int fd) throws SpawnException {
        int flags = posix.fcntl(fd, Posix.F_GETFL, 0);
        if (flags >= 0 && (flags & Posix.O_NONBLOCK) != 0) {
            flags = posix.fcntl(fd, Posix.F_SETFL, flags & ~Posix.O_NONBLOCK);
        }
        if (flags < 0) {
            throw new SpawnException("fcntl " + fd + ": " + posix.describe(-flags), -flags);
        }
    }

    /** True when {@code O_NONBLOCK} is set on {@code fd}. */
    public boolean isNonBlocking(int fd) throws SpawnException {
        int flags = posix.fcntl(fd, Posix.F_GETFL, 0);
        if (flags < 0) {
            throw new SpawnException("fcntl " + fd + ": " + posix.describe(-flags), -flags);
        }
        return (flags & Posix.O_NONBLOCK) != 0;
    }

    /** The {@code fdVal} field of each channel implementation class, found on first use. */
    private static final ClassValue<VarHandle> FD_FIELDS = new ClassValue<>() {
        @Override
        protected VarHandle computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Field field;
                try {
                    field = c.getDeclaredField("fdVal");
                } catch (NoSuchFieldException e) {
                    continue; // look in the superclass
                }
                try {
                    return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).unreflectVarHandle(field);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot read the descriptor of " + type.getName()
                            + "; launch the JVM with --add-opens java.base/sun.nio.ch=ALL-UNNAMED", e);
                }
            }
            throw new IllegalStateException("this JDK's " + type.getName() + " has no fdVal field");
        }
    };
}
