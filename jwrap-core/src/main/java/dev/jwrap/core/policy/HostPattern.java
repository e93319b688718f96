package dev.jwrap.core.policy;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.match.HostEndpoint;
import java.util.List;

/**
 * A host pattern (spec §2.3, libwrap's {@code host_match}), tried in this order: {@code @netgroup},
 * {@code /file}, {@code KNOWN}, {@code LOCAL}, {@code net/mask}, and otherwise a string pattern
 * compared with the address and — when the token has characters other than digits, dots and
 * slashes — with the host name.
 */
public sealed interface HostPattern {

    /** The token as written. */
    String text();

    /** Whether the endpoint matches; may look up its name when the pattern needs it. */
    boolean matches(HostView host);

    /** {@code @group}: NIS netgroup membership of the host name. */
    record Netgroup(String text, String group) implements HostPattern {
        @Override
        public boolean matches(HostView host) {
            return host.inNetgroup(group, host.name());
        }
    }

    /**
     * {@code /path}: the words of a file, each a host pattern, read when the policy was loaded.
     * A missing file, a directory or an unreadable one never matches.
     */
    record FileList(String text, List<HostPattern> words) implements HostPattern {
        public FileList {
            words = List.copyOf(words);
        }

        @Override
        public boolean matches(HostView host) {
            for (HostPattern word : words) {
                if (word.matches(host)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "FileList[" + text + ", " + words.size() + " words]";
        }
    }

    /** {@code KNOWN}: name known (not unknown/paranoid) and address known. */
    record Known(String text) implements HostPattern {
        @Override
        public boolean matches(HostView host) {
            return HostEndpoint.isKnownName(host.name()) && !Ascii.equalsIgnoreCase(host.address(), HostEndpoint.UNKNOWN);
        }
    }

    /** {@code LOCAL}: a known name without a dot. */
    record Local(String text) implements HostPattern {
        @Override
        public boolean matches(HostView host) {
            String name = host.name();
            return name.indexOf('.') < 0 && HostEndpoint.isKnownName(name);
        }
    }

    /** {@code net/mask}, {@code net/len}, {@code [net6]/len}: against the address only. */
    record Masked(String text, NetMask mask) implements HostPattern {
        @Override
        public boolean matches(HostView host) {
            return mask.matches(host.address());
        }
    }

    /** A string pattern against the address, then (if {@code alsoName}) against the name. */
    record Textual(String text, StringPattern pattern, boolean alsoName) implements HostPattern {
        @Override
        public boolean matches(HostView host) {
            return pattern.matches(host.address()) || (alsoName && pattern.matches(host.name()));
        }
    }
}
