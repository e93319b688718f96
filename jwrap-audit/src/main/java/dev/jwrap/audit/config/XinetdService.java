package dev.jwrap.audit.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code service NAME { ... }} block of xinetd.conf or xinetd.d. Immutable.
 *
 * @param file the file's path as reports show it
 * @param line the line of the {@code service} keyword
 * @param name the service name
 * @param attributes each attribute's values, as assigned with {@code =} and changed with
 *     {@code +=}/{@code -=}, keys lower-case
 * @param disableLine the line of the block's {@code disable} attribute, 0 when it has none
 * @param enabled whether xinetd would offer it: no {@code disable = yes} and not listed in the
 *     defaults' {@code disabled} attribute (an absent {@code disable} means enabled)
 */
public record XinetdService(String file, int line, String name, Map<String, List<String>> attributes, int disableLine,
        boolean enabled) {

    public XinetdService {
        attributes = Map.copyOf(attributes);
    }

    /** The first value of an attribute, or null. */
    public String value(String attribute) {
        List<String> v = attributes.get(attribute);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The {@code id}, or the name when there is none ({@code chargen-stream} vs {@code chargen}). */
    public String id() {
        String id = value("id");
        return id == null ? name : id;
    }

    /** {@code tcp} or {@code udp}: the protocol attribute, else what the socket type implies. */
    public String transport() {
        String p = value("protocol");
        if (p != null) {
            return p.startsWith("udp") ? "udp" : "tcp";
        }
        return "dgram".equals(value("socket_type")) ? "udp" : "tcp";
    }

    /** Whether clients are limited by xinetd itself ({@code only_from}). */
    public boolean restricted() {
        return attributes.containsKey("only_from") && !attributes.get("only_from").isEmpty();
    }
}
