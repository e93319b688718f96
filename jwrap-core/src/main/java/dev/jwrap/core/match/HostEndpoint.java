package dev.jwrap.core.match;

import dev.jwrap.core.syntax.Ascii;
import dev.jwrap.core.diag.Diagnostic;
import dev.jwrap.core.diag.DiagnosticListener;
import dev.jwrap.core.internal.AddressText;
import dev.jwrap.core.internal.MappedAddresses;
import dev.jwrap.core.resolve.HostResolver;
import dev.jwrap.core.resolve.HostResolver.Family;
import dev.jwrap.core.resolve.HostResolver.ForwardLookup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One end of a connection as libwrap sees it: a socket address (optional), and its numeric
 * address and host name as strings, each computed at most once and only when first asked for
 * (libwrap's {@code eval_hostaddr} / {@code eval_hostname}). {@code "unknown"} means "tried, not
 * available"; {@code "paranoid"} means the name failed the double reverse/forward check.
 *
 * <p>Not thread-safe: one endpoint belongs to one request.
 */
public final class HostEndpoint {

    public static final String UNKNOWN = "unknown";
    public static final String PARANOID = "paranoid";

    /** libwrap keeps host strings in 128-byte buffers. */
    static final int MAX_STRING = 127;

    private final InetSocketAddress socketAddress;
    private String address;
    private String name;
    private boolean nameLookupAllowed;

    private HostEndpoint(InetSocketAddress socketAddress, String address, String name, boolean lookup) {
        this.socketAddress = socketAddress;
        this.address = address;
        this.name = name;
        this.nameLookupAllowed = lookup;
    }

    /** An endpoint known by its socket address: address text now, name on demand (double-checked). */
    public static HostEndpoint ofSocket(InetSocketAddress socketAddress) {
        InetAddress a = socketAddress.getAddress();
        return new HostEndpoint(socketAddress, a == null ? null : truncate(AddressText.format(a)), null, a != null);
    }

    /**
     * An endpoint known by its socket address whose name must not be looked up (tcpdmatch does
     * not look up link-local IPv6 clients): the name reads as {@code unknown}.
     */
    public static HostEndpoint ofSocketWithoutName(InetSocketAddress socketAddress) {
        HostEndpoint e = ofSocket(socketAddress);
        e.nameLookupAllowed = false;
        return e;
    }

    /**
     * An endpoint known only by strings, as {@code hosts_ctl()} gets them; null or empty means
     * not known ({@code unknown}). Nothing is looked up.
     */
    public static HostEndpoint ofStrings(String name, String address) {
        return new HostEndpoint(null, emptyToNull(address), emptyToNull(name), false);
    }

    /** An endpoint about which nothing is known. */
    public static HostEndpoint unknown() {
        return new HostEndpoint(null, null, null, false);
    }

    public Optional<InetSocketAddress> socketAddress() {
        return Optional.ofNullable(socketAddress);
    }

    /** The numeric address ({@code %a}), or {@code unknown}. */
    public String address() {
        if (address == null) {
            address = UNKNOWN;
        }
        return address;
    }

    /** Whether the name has been determined (looked up, given, or found unknown). */
    public boolean nameKnown() {
        return name != null;
    }

    /** The name if already determined, else null; never triggers a lookup. */
    public String nameIfKnown() {
        return name;
    }

    /**
     * The verified host name ({@code %n}), looked up now if needed: the reverse name, or
     * {@code unknown}, or {@code paranoid} when the double check failed (with a warning).
     */
    public String name(HostResolver resolver, DiagnosticListener diagnostics) {
        if (name == null) {
            name = nameLookupAllowed && socketAddress != null && socketAddress.getAddress() != null
                    ? truncate(verifiedName(socketAddress.getAddress(), resolver, diagnostics))
                    : UNKNOWN;
        }
        return name;
    }

    /**
     * {@code %h}: the name if it is already known and good, otherwise the address. Never starts a
     * lookup (libwrap's {@code eval_hostinfo} without ALWAYS_HOSTNAME).
     */
    public String hostInfo() {
        if (name == null || !isKnownName(name)) {
            return address();
        }
        return name;
    }

    /** {@code %a}: the address, sanitised in place (as libwrap's expansion does). */
    public String sanitizeAddress() {
        address = PercentExpander.sanitize(address());
        return address;
    }

    /** {@code %n}: the name (already determined by the caller), sanitised in place. */
    public String sanitizeName() {
        name = PercentExpander.sanitize(name == null ? UNKNOWN : name);
        return name;
    }

    /** {@code %h}: the host info, sanitising whichever string it came from. */
    public String sanitizeHostInfo() {
        if (name == null || !isKnownName(name)) {
            return sanitizeAddress();
        }
        return sanitizeName();
    }

    /** Sets the name as determined (tcpdmatch sets it for name-only arguments). */
    public void setName(String value) {
        this.name = truncate(value);
    }

    /** libwrap's HOSTNAME_KNOWN: neither {@code unknown} nor {@code paranoid}. */
    public static boolean isKnownName(String s) {
        return !Ascii.equalsIgnoreCase(s, UNKNOWN) && !Ascii.equalsIgnoreCase(s, PARANOID);
    }

    static String truncate(String s) {
        return s.length() > MAX_STRING ? s.substring(0, MAX_STRING) : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : truncate(s);
    }

    /** The double reverse/forward check of libwrap's socket code (hosts_access(5), "PARANOID"). */
    static String verifiedName(InetAddress original, HostResolver resolver, DiagnosticListener diagnostics) {
        InetAddress address = MappedAddresses.unmapped(original);
        Optional<String> reverse = resolver.reverse(address);
        if (reverse.isEmpty()) {
            return UNKNOWN;
        }
        // libwrap keeps the reverse answer in its 128-byte buffer and verifies what is left
        String rev = truncate(reverse.get());
        if (looksNumeric(rev)) {
            diagnostics.report(
                    Diagnostic.warning("host name/name mismatch: reverse lookup results in non-FQDN " + rev));
            return PARANOID;
        }
        Family family = address instanceof Inet4Address ? Family.INET : Family.INET6;
        Optional<ForwardLookup> forward = resolver.forward(rev, family);
        if (forward.isEmpty()) {
            diagnostics.report(Diagnostic.warning("can't verify hostname: getaddrinfo(" + rev + ", "
                    + (family == Family.INET ? "AF_INET" : "AF_INET6") + ") failed"));
            return PARANOID;
        }
        String canon = forward.get().canonicalName();
        if ((canon == null || !Ascii.equalsIgnoreCase(canon, rev)) && !Ascii.equalsIgnoreCase(rev, "localhost")) {
            diagnostics.report(Diagnostic.warning("host name/name mismatch: " + rev + " != " + canon));
            return PARANOID;
        }
        for (InetAddress candidate : forward.get().addresses()) {
            if (sameAddress(candidate, address)) {
                return rev;
            }
        }
        diagnostics.report(Diagnostic.warning(
                "host name/address mismatch: " + AddressText.format(address) + " != " + (canon == null ? rev : canon)));
        return PARANOID;
    }

    private static boolean sameAddress(InetAddress candidate, InetAddress address) {
        if (!Arrays.equals(candidate.getAddress(), address.getAddress())) {
            return false;
        }
        if (candidate instanceof Inet6Address c6 && address instanceof Inet6Address a6) {
            return c6.getScopeId() == a6.getScopeId();
        }
        return true;
    }


    /** Whether a reverse-lookup answer is itself a numeric address (an IPv4 or IPv6 literal). */
    static boolean looksNumeric(String s) {
        return InetLiterals.parseV4Strict(s) != null || InetLiterals.parseV6(s) != null;
    }
}
