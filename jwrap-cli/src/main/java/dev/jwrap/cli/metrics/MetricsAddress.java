package dev.jwrap.cli.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --metrics HOST:PORT} value: {@code 127.0.0.1:9101}, {@code [::1]:9101},
 * {@code localhost:9101}. Only loopback addresses are accepted unless remote scraping is asked for
 * explicitly: the endpoint has no authentication and names services and their traffic.
 */
public final class MetricsAddress {

    private MetricsAddress() {}

    /**
     * Parses {@code text}.
     *
     * @param allowRemote whether a non-loopback address may be used
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not usable
     */
    public static InetSocketAddress parse(String text, boolean allowRemote) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--metrics " + text + ": expected HOST:PORT, e.g. 127.0.0.1:9101");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("--metrics " + text + ": write an IPv6 address in brackets, "
                    + "e.g. [::1]:9101");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics " + text + ": bad port " + text.substring(colon + 1));
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--metrics " + text + ": unknown host " + host);
        }
        if (!allowRemote && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--metrics " + text + ": " + address.getHostAddress()
                    + " is not a loopback address; add --metrics-allow-remote to serve metrics beyond this host");
        }
        return new InetSocketAddress(address, port);
    }
}
