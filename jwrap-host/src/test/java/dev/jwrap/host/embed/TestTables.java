package dev.jwrap.host.embed;

import dev.jwrap.core.AccessPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture: hosts.allow and hosts.deny written to a directory, with banner directories
 * {@code allow-banners/} and {@code deny-banners/} whose file for the daemon greets with {@code %a}.
 */
public record TestTables(Path dir) {

    /** What the allow banner sends a client of address {@code a} (after %-expansion, CRLF line ends). */
    public static String allowBanner(String a) {
        return "Welcome " + a + "\r\n";
    }

    public static String denyBanner(String a) {
        return "Go away " + a + "\r\n";
    }

    /**
     * Writes the tables for {@code daemon}; {@code allowRules} and {@code denyRules} may use
     * {@code ALLOW_BANNERS} and {@code DENY_BANNERS} for the banner directories.
     */
    public static TestTables write(Path dir, String daemon, String allowRules, String denyRules) throws IOException {
        Path allowBanners = Files.createDirectories(dir.resolve("allow-banners"));
        Path denyBanners = Files.createDirectories(dir.resolve("deny-banners"));
        Files.writeString(allowBanners.resolve(daemon), "Welcome %a\n");
        Files.writeString(denyBanners.resolve(daemon), "Go away %a\n");
        Files.writeString(dir.resolve("hosts.allow"), expand(allowRules, dir), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("hosts.deny"), expand(denyRules, dir), StandardCharsets.US_ASCII);
        return new TestTables(dir);
    }

    private static String expand(String rules, Path dir) {
        return rules.replace("ALLOW_BANNERS", dir.resolve("allow-banners").toString())
                .replace("DENY_BANNERS", dir.resolve("deny-banners").toString());
    }

    public AccessPolicy policy() {
        AccessPolicy policy = AccessPolicy.load(dir.resolve("hosts.allow"), dir.resolve("hosts.deny"));
        if (!policy.diagnostics().isEmpty()) {
            throw new IllegalStateException("test tables do not load cleanly: " + policy.diagnostics());
        }
        return policy;
    }
}
