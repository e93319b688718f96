package dev.jwrap.core.policy;

/**
 * What a host pattern may ask about one endpoint during a check. {@link #name()} may start a
 * (double-checked) name lookup; {@link #address()} never does.
 */
public interface HostView {

    /** The numeric address text, or {@code unknown}. */
    String address();

    /** The verified host name, or {@code unknown} / {@code paranoid}; looked up on first use. */
    String name();

    /** NIS netgroup membership of a host name. */
    boolean inNetgroup(String group, String host);
}
