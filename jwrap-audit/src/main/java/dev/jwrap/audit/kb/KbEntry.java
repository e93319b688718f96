package dev.jwrap.audit.kb;

import java.util.List;
import java.util.Objects;

/**
 * One row of the knowledge base (spec §4.7). Immutable.
 *
 * @param key the port column as written: {@code 23}, {@code 6000-6063} or {@code rpc:100001}
 * @param lowPort first port of the range (0 for an RPC row)
 * @param highPort last port of the range (0 for an RPC row)
 * @param rpcProgram the RPC program number, 0 for a port row
 * @param protocols {@code tcp} and/or {@code udp}
 * @param service the official name
 * @param aliases other names
 * @param inetdName the first field of an inetd.conf line for it, null when not inetd-served
 * @param daemons typical executable names
 * @param what one-line description
 * @param risk why it is risky, or why it is fine
 * @param recommendation what to do
 * @param severity how much it matters when exposed
 */
public record KbEntry(String key, int lowPort, int highPort, int rpcProgram, List<String> protocols, String service,
        List<String> aliases, String inetdName, List<String> daemons, String what, String risk,
        Recommendation recommendation, Severity severity) {

    public KbEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(severity, "severity");
        protocols = List.copyOf(protocols);
        aliases = List.copyOf(aliases);
        daemons = List.copyOf(daemons);
    }

    /** Whether the row covers this port and protocol. */
    public boolean covers(int port, String protocol) {
        return rpcProgram == 0 && port >= lowPort && port <= highPort && protocols.contains(protocol);
    }

    /** The reference reports cite: {@code kb:23/tcp}, {@code kb:rpc:100001}. */
    public String ref() {
        return "kb:" + (rpcProgram != 0 ? key : key + "/" + String.join(",", protocols));
    }

    /** The risk up to its first {@code ;}, trimmed and cut at 100 characters: harden's marker text. */
    public String shortRisk() {
        int semi = risk.indexOf(';');
        String s = (semi >= 0 ? risk.substring(0, semi) : risk).strip();
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
