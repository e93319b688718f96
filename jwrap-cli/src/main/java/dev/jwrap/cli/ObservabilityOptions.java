package dev.jwrap.cli;

import dev.jwrap.cli.metrics.MetricsAddress;
import dev.jwrap.host.log.Syslog;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * The options every serving command shares for how connections are reported ({@code
 * --log-format}, {@code --metrics}, {@code --metrics-allow-remote}); a picocli mixin.
 */
final class ObservabilityOptions {

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "How connections are logged: text (the "
            + "lines tcpd and inetd -l write, the default) or json (one JSON object per connection, schema 1).")
    InetdObservability.LogFormat logFormat = InetdObservability.LogFormat.text;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", description = "Serve Prometheus metrics at "
            + "http://HOST:PORT/metrics, e.g. 127.0.0.1:9101; loopback addresses only, unless --metrics-allow-remote.")
    String metricsAddress;

    @Option(names = "--metrics-allow-remote", description = "Let --metrics listen on a non-loopback address (the "
            + "endpoint has no authentication).")
    boolean metricsAllowRemote;

    /**
     * Opens the log format and the metrics endpoint, or returns null after telling {@code err}
     * why not, in one line after {@code prefix} (e.g. {@code "inetd: "}).
     */
    InetdObservability open(Syslog log, PrintStream err, String prefix) {
        try {
            return InetdObservability.create(logFormat, log,
                    metricsAddress == null ? null : MetricsAddress.parse(metricsAddress, metricsAllowRemote));
        } catch (IllegalArgumentException | IOException e) {
            err.println(prefix + (e instanceof IOException ? "--metrics " + metricsAddress + ": " : "") + e.getMessage());
            return null;
        }
    }
}
