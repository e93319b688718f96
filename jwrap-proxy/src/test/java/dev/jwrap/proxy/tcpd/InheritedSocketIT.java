package dev.jwrap.proxy.tcpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JNI and the FFM binding of the wrapper's socket see the same ends of a real socket: a UDP
 * socket made with the C library, connected to a Java peer on 127.0.0.1, which sends to it.
 */
class InheritedSocketIT {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int EAGAIN = 11;

    private static final InetAddress LOOPBACK4 = InetAddress.ofLiteral("127.0.0.1");

    private DatagramSocket peer;
    private int fd = -1;

    @BeforeEach
    void connectedDatagramSocket() throws IOException {
        peer = new DatagramSocket(new InetSocketAddress(LOOPBACK4, 0));
        fd = NativeLibc.socket(AF_INET, SOCK_DGRAM, 0);
        assertThat(fd).isNotNegative();
        byte[] sockaddr = new byte[16];
        sockaddr[0] = AF_INET; // sin_family, little-endian on the machines libjwrap.so is built for
        sockaddr[2] = (byte) (peer.getLocalPort() >> 8);
        sockaddr[3] = (byte) peer.getLocalPort();
        sockaddr[4] = 127;
        sockaddr[7] = 1;
        assertThat(NativeLibc.connect(fd, sockaddr, sockaddr.length)).isZero();
    }

    @AfterEach
    void close() {
        peer.close();
        NativeLibc.close(fd);
    }

    @Test
    void bothBindingsFindTheSameEnds_peekTheSender_andDropTheDatagram() throws IOException {
        for (InheritedSocket socket : List.of(new JniInheritedSocket(fd), new FfmInheritedSocket(fd))) {
            InetSocketAddress local = socket.local();
            assertThat(local.getAddress()).isEqualTo(LOOPBACK4);
            assertThat(socket.peer()).isEqualTo(peer.getLocalSocketAddress());

            peer.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, local));
            assertThat(socket.peekSender()).isEqualTo(peer.getLocalSocketAddress());
            assertThat(socket.peekSender()).as("a peek leaves the datagram queued").isEqualTo(peer.getLocalSocketAddress());
            socket.discardDatagram();
            assertThat(NativeLibc.discardDatagram(fd)).as("nothing left to read").isEqualTo(-EAGAIN);

            socket.keepAlive();
            socket.linger(5);
            socket.linger(0);
        }
    }

    @Test
    void bothBindingsReadAndClearIpOptions_andShutDown() throws IOException {
        byte[] recordRoute = {7, 7, 4, 0, 0, 0, 0, 0};
        for (InheritedSocket socket : List.of(new JniInheritedSocket(fd), new FfmInheritedSocket(fd))) {
            assertThat(socket.ipOptions()).isEmpty();
            assertThat(NativeLibc.setBytesOption(fd, InheritedSocket.IPPROTO_IP, InheritedSocket.IP_OPTIONS, recordRoute))
                    .isZero();
            assertThat(socket.ipOptions()).isEqualTo(recordRoute);
            socket.clearIpOptions();
            assertThat(socket.ipOptions()).isEmpty();
        }
        new FfmInheritedSocket(fd).shutdown();
        assertThat(NativeLibc.shutdown(fd, InheritedSocket.SHUT_RDWR)).as("still a socket").isZero();
        new JniInheritedSocket(fd).shutdown();
        assertThat(NativeLibc.shutdown(-1, InheritedSocket.SHUT_RDWR)).isEqualTo(-9);
    }

    @Test
    void bothBindingsReportTheCLibrarysError() {
        for (InheritedSocket socket : List.of(new JniInheritedSocket(-1), new FfmInheritedSocket(-1))) {
            assertThatThrownBy(socket::peer).isInstanceOf(IOException.class).hasMessage("Bad file descriptor");
            assertThatThrownBy(socket::keepAlive).isInstanceOf(IOException.class).hasMessage("Bad file descriptor");
            assertThatThrownBy(() -> socket.writeFully(new byte[] {1})).isInstanceOf(IOException.class)
                    .hasMessage("Bad file descriptor");
            assertThatThrownBy(socket::ipOptions).isInstanceOf(IOException.class).hasMessage("Bad file descriptor");
            assertThatThrownBy(socket::clearIpOptions).isInstanceOf(IOException.class).hasMessage("Bad file descriptor");
            socket.shutdown(); // ignored, as tcpd ignores it
            assertThat(socket.describe(111)).isEqualTo("Connection refused");
        }
    }

    @Test
    void theBuildUsesTheJniBinding() {
        assertThat(InheritedSocket.on(0)).isInstanceOf(JniInheritedSocket.class);
    }
}
