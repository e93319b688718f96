package dev.jwrap.audit.rpc;

import java.io.IOException;

/** The portmapper's answer could not be used: the message says why, in one line. */
public final class RpcException extends IOException {

    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }
}
