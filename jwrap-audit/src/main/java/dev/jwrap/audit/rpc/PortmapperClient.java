package dev.jwrap.audit.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a portmapper (rpcbind) over TCP which RPC programs are registered: one {@code PMAPPROC_DUMP}
 * call, as {@code rpcinfo -p} makes, without needing that binary (spec §4.3). TCP records carry a
 * 4-byte mark before each fragment: the high bit flags the last fragment, the rest is its length.
 */
public final class PortmapperClient {

    private static final int LAST_FRAGMENT = 0x8000_0000;
    /** Far more than a dump of every possible registration needs: a bigger reply is refused. */
    private static final int MAX_REPLY = 1 << 20;

    private final Duration timeout;

    /** @param timeout for the connection and for each read */
    public PortmapperClient(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The registrations of the portmapper at {@code address}.
     *
     * @throws IOException when it cannot be reached or does not answer as a portmapper
     */
    public List<RpcMapping> dump(InetSocketAddress address) throws IOException {
        int xid = ThreadLocalRandom.current().nextInt();
        byte[] call = PmapDump.call(xid);
        try (Socket s = new Socket()) {
            s.connect(address, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(4 + call.length).putInt(LAST_FRAGMENT | call.length).put(call).array());
            out.flush();
            return PmapDump.decodeReply(readRecord(s.getInputStream()), xid);
        }
    }

    private static ByteBuffer readRecord(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        boolean last = false;
        while (!last) {
            int mark = ByteBuffer.wrap(readFully(in, 4)).getInt();
            last = (mark & LAST_FRAGMENT) != 0;
            int length = mark & ~LAST_FRAGMENT;
            if (record.size() + (long) length > MAX_REPLY) {
                throw new RpcException("reply larger than " + MAX_REPLY + " bytes");
            }
            record.write(readFully(in, length));
        }
        return ByteBuffer.wrap(record.toByteArray());
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new RpcException("connection closed in the middle of the reply");
        }
        return b;
    }
}
