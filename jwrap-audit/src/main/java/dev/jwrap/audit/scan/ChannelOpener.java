package dev.jwrap.audit.scan;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Where the scanner gets its sockets: the system's, or a test's that proves none was opened. */
@FunctionalInterface
public interface ChannelOpener {

    /** The system's sockets. */
    ChannelOpener SYSTEM = SocketChannel::open;

    SocketChannel open() throws IOException;
}
