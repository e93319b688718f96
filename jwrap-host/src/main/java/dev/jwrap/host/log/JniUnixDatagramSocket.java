package dev.jwrap.host.log;

import dev.jwrap.core.sys.NativeLibc;
import java.io.IOException;

/** A {@link UnixDatagramSocket} through libjwrap.so's JNI functions ({@link NativeLibc}). */
final class JniUnixDatagramSocket extends UnixDatagramSocket {

    private final int fd;
    private final byte[] address;

    /** @param address the sockaddr_un to send to, as {@link #sockaddr} makes it */
    JniUnixDatagramSocket(byte[] address) throws IOException {
        this.address = address.clone();
        int rc = NativeLibc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (rc < 0) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + NativeLibc.describe(-rc));
        }
        fd = rc;
    }

    @Override
    int connect() {
        return -NativeLibc.connect(fd, address, address.length);
    }

    @Override
    int sendConnected(byte[] datagram) {
        int sent = NativeLibc.send(fd, datagram, MSG_DONTWAIT | MSG_NOSIGNAL);
        return sent >= 0 ? 0 : -sent;
    }

    @Override
    public void close() {
        int ignored = NativeLibc.close(fd);
    }
}
