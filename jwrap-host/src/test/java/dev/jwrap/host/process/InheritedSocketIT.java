package dev.jwrap.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adoption technique behind socket activation, on real loopback sockets: a socket bound
 * elsewhere (here by another channel of this JVM, standing in for systemd) is served through a
 * fresh JDK channel that got a dup of it, and can be adopted again after that channel is closed.
 */
class InheritedSocketIT {

    private static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress V6 = InetAddress.ofLiteral("::1");

    private final ChannelDescriptors descriptors = new ChannelDescriptors();

    @Test
    void listeningSocketIsAcceptedOnThroughTheAdoptedChannel_andCanBeAdoptedAgain() throws Exception {
        try (ServerSocketChannel original = ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0))) {
            InheritedSocket inherited = InheritedSocket.inspect(descriptors.fd(original), "web");
            assertThat(inherited.kind()).isEqualTo(InheritedSocket.Kind.STREAM_LISTENER);
            assertThat(inherited.localAddress()).isEqualTo(original.getLocalAddress());

            for (String round : new String[] {"first", "second"}) {
                try (ServerSocketChannel adopted = (ServerSocketChannel) inherited.adopt(descriptors)) {
                    assertThat(adopted.getLocalAddress()).isEqualTo(original.getLocalAddress());
                    assertThat(descriptors.fd(adopted)).isNotEqualTo(descriptors.fd(original));
                    try (SocketChannel client = SocketChannel.open(inherited.localAddress());
                            SocketChannel served = adopted.accept()) {
                        assertThat(served.getRemoteAddress()).isEqualTo(client.getLocalAddress());
                        served.write(ByteBuffer.wrap(round.getBytes(StandardCharsets.US_ASCII)));
                        ByteBuffer got = ByteBuffer.allocate(16);
                        client.read(got);
                        assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII))
                                .isEqualTo(round);
                    }
                }
            }
        }
    }

    @Test
    void datagramSocketReceivesAndAnswersThroughTheAdoptedChannel_onIpv6() throws Exception {
        try (DatagramChannel original = DatagramChannel.open(StandardProtocolFamily.INET6)
                        .bind(new InetSocketAddress(V6, 0));
                DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6)
                        .bind(new InetSocketAddress(V6, 0))) {
            InheritedSocket inherited = InheritedSocket.inspect(descriptors.fd(original), "dns");
            assertThat(inherited.kind()).isEqualTo(InheritedSocket.Kind.DATAGRAM);
            try (DatagramChannel adopted = (DatagramChannel) inherited.adopt(descriptors)) {
                client.send(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)), inherited.localAddress());
                ByteBuffer request = ByteBuffer.allocate(16);
                InetSocketAddress from = (InetSocketAddress) adopted.receive(request);
                assertThat(from).isEqualTo(client.getLocalAddress());
                adopted.send(request.flip(), from);
                ByteBuffer reply = ByteBuffer.allocate(16);
                assertThat(client.receive(reply)).isEqualTo(inherited.localAddress());
                assertThat(new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII)).isEqualTo("ping");
            }
        }
    }

    @Test
    void whatCannotBeServedIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(V4, 0));
                SocketChannel connected = SocketChannel.open(listener.getLocalAddress());
                NetworkChannel unbound = ServerSocketChannel.open();
                RandomAccessFile file = new RandomAccessFile(Files.createFile(dir.resolve("f")).toFile(), "r")) {
            assertThatThrownBy(() -> InheritedSocket.inspect(descriptors.fd((SocketChannel) connected), "c"))
                    .isInstanceOf(IOException.class).hasMessageContaining("is not listening");
            assertThatThrownBy(() -> InheritedSocket.inspect(descriptors.fd((ServerSocketChannel) unbound), "u"))
                    .isInstanceOf(IOException.class).hasMessageContaining("is not listening");
            int fileFd = fdOf(file);
            assertThatThrownBy(() -> InheritedSocket.inspect(fileFd, "f"))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a socket");
        }
    }

    /** A file's descriptor number, from /proc (the JDK has no API for it). */
    private static int fdOf(RandomAccessFile open) throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                        try {
                            return Files.readSymbolicLink(p).endsWith("f");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToInt(p -> Integer.parseInt(p.getFileName().toString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("file not among the open descriptors"));
        }
    }
}
