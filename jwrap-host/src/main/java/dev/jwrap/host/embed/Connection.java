package dev.jwrap.host.embed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** An accepted TCP connection of either JDK kind, reduced to what an access check does to it. */
sealed interface Connection {

    InetSocketAddress remote() throws IOException;

    InetSocketAddress local() throws IOException;

    void write(byte[] bytes) throws IOException;

    void keepalive() throws IOException;

    /** {@code SO_LINGER} with these seconds; 0 turns lingering off, as the {@code linger} option means it. */
    void linger(int seconds) throws IOException;

    void close();

    static Connection of(SocketChannel channel) {
        return new OfChannel(channel);
    }

    static Connection of(Socket socket) {
        return new OfSocket(socket);
    }

    /** A {@link SocketChannel}; in non-blocking mode a banner is written as far as the socket buffer takes it. */
    record OfChannel(SocketChannel channel) implements Connection {
        @Override
        public InetSocketAddress remote() throws IOException {
            return (InetSocketAddress) channel.getRemoteAddress();
        }

        @Override
        public InetSocketAddress local() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.write(buffer) > 0) {
                // a blocking channel writes everything in one call; a non-blocking one stops when full
            }
        }

        @Override
        public void keepalive() throws IOException {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        }

        @Override
        public void linger(int seconds) throws IOException {
            channel.setOption(StandardSocketOptions.SO_LINGER, seconds == 0 ? -1 : seconds);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // the descriptor is released even when close reports an error
            }
        }
    }

    /** A {@link Socket} from {@code ServerSocket.accept()}. */
    record OfSocket(Socket socket) implements Connection {
        @Override
        public InetSocketAddress remote() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public InetSocketAddress local() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        @Override
        public void keepalive() throws IOException {
            socket.setKeepAlive(true);
        }

        @Override
        public void linger(int seconds) throws IOException {
            socket.setSoLinger(seconds != 0, seconds);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // the descriptor is released even when close reports an error
            }
        }
    }
}
