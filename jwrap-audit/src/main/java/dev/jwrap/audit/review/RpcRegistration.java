package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.rpc.RpcMapping;
import java.util.Objects;

/**
 * A program the portmapper has registered, named by the knowledge base. Immutable.
 *
 * @param mapping what the portmapper said
 * @param kb the knowledge-base row {@code rpc:PROGRAM}, null when the program is not in it
 */
public record RpcRegistration(RpcMapping mapping, KbEntry kb) {

    public RpcRegistration {
        Objects.requireNonNull(mapping, "mapping");
    }

    /** The program's name ({@code mountd}), or null when the knowledge base does not know it. */
    public String name() {
        return kb == null ? null : kb.service();
    }
}
