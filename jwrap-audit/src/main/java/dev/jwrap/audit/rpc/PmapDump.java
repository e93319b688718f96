package dev.jwrap.audit.rpc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one portmapper {@code PMAPPROC_DUMP} exchange (ONC RPC v2, RFC 5531; portmapper
 * program 100000 version 2, RFC 1833): the call to send and the decoding of the reply's record,
 * without any socket, so both can be tested on fixed bytes.
 */
public final class PmapDump {

    static final int PORTMAPPER = 100000;
    static final int PMAP_VERSION = 2;
    static final int PMAPPROC_DUMP = 4;
    private static final int CALL = 0;
    private static final int REPLY = 1;
    private static final int RPC_VERSION = 2;
    private static final int MSG_ACCEPTED = 0;
    private static final int SUCCESS = 0;
    private static final int AUTH_NULL = 0;
    /** More registrations than any portmapper holds: a reply claiming more is not believed. */
    private static final int MAX_MAPPINGS = 65536;

    private PmapDump() {}

    /** The call message (without the record mark): AUTH_NULL credentials and verifier, no arguments. */
    public static byte[] call(int xid) {
        ByteBuffer b = ByteBuffer.allocate(40);
        b.putInt(xid).putInt(CALL).putInt(RPC_VERSION).putInt(PORTMAPPER).putInt(PMAP_VERSION).putInt(PMAPPROC_DUMP);
        b.putInt(AUTH_NULL).putInt(0); // credentials
        b.putInt(AUTH_NULL).putInt(0); // verifier
        return b.array();
    }

    /**
     * Decodes a reply record (the fragments already joined).
     *
     * @throws RpcException when it is no successful reply to {@code xid}, or is cut short
     */
    public static List<RpcMapping> decodeReply(ByteBuffer record, int xid) throws RpcException {
        try {
            if (record.getInt() != xid) {
                throw new RpcException("reply to another call (transaction id differs)");
            }
            if (record.getInt() != REPLY) {
                throw new RpcException("a call where a reply was expected");
            }
            if (record.getInt() != MSG_ACCEPTED) {
                throw new RpcException("call denied (RPC version or authentication refused)");
            }
            record.getInt(); // verifier flavour
            skipOpaque(record);
            int status = record.getInt();
            if (status != SUCCESS) {
                throw new RpcException("call not executed (accept status " + status + ")");
            }
            List<RpcMapping> out = new ArrayList<>();
            // an XDR optional-data list: a boolean "another entry follows" before each entry
            while (record.getInt() != 0) {
                if (out.size() == MAX_MAPPINGS) {
                    throw new RpcException("more than " + MAX_MAPPINGS + " registrations");
                }
                out.add(new RpcMapping(record.getInt(), record.getInt(), record.getInt(), record.getInt()));
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new RpcException("reply cut short");
        }
    }

    private static void skipOpaque(ByteBuffer b) throws RpcException {
        int length = b.getInt();
        if (length < 0 || length > 400) { // RFC 5531: opaque_auth bodies are at most 400 bytes
            throw new RpcException("verifier of " + Integer.toUnsignedString(length) + " bytes");
        }
        b.position(b.position() + ((length + 3) & ~3));
    }
}
