package dev.jwrap.audit.review;

import dev.jwrap.audit.kb.KbEntry;
import dev.jwrap.audit.kb.KnowledgeBase;
import dev.jwrap.audit.kb.Recommendation;
import dev.jwrap.audit.kb.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the boot configuration starts (spec §4.5), read only, never edited: OpenBSD's
 * {@code rc.conf} and {@code rc.conf.local}, systemd's enablement links, and SysV
 * {@code rc[2-5].d/S??name} links on systems without systemd. A risky service that starts at boot is
 * {@code BOOT-ENABLED} with the command that turns it off; whether it is reachable is the listener
 * review's business. Services the knowledge base keeps are not mentioned.
 */
final class BootReview {

    /** Boot names (rc.conf variables, unit and script names) → the daemon the knowledge base knows. */
    private static final Map<String, String> DAEMONS = Map.ofEntries(
            Map.entry("portmap", "portmap"), Map.entry("rpcbind", "rpcbind"), Map.entry("nfs_server", "nfsd"),
            Map.entry("nfs-server", "nfsd"), Map.entry("nfs-kernel-server", "nfsd"), Map.entry("sendmail", "sendmail"),
            Map.entry("httpd", "httpd"), Map.entry("ntpd", "ntpd"), Map.entry("ypbind", "ypbind"),
            Map.entry("ypserv", "ypserv"), Map.entry("nis", "ypbind"), Map.entry("snmpd", "snmpd"),
            Map.entry("cups", "cupsd"), Map.entry("avahi-daemon", "avahi-daemon"), Map.entry("smbd", "smbd"),
            Map.entry("nmbd", "nmbd"), Map.entry("samba", "smbd"), Map.entry("slapd", "slapd"));
    /** Super-servers: enabled at boot is worth knowing, their entries are judged elsewhere. */
    private static final List<String> SUPER_SERVERS = List.of("inetd", "openbsd-inetd", "xinetd");
    private static final List<String> SYSTEMD_TREES = List.of("etc/systemd/system", "run/systemd/system",
            "usr/lib/systemd/system", "lib/systemd/system");

    private final Path root;
    private final KnowledgeBase kb;

    BootReview(Path root, KnowledgeBase kb) {
        this.root = root;
        this.kb = kb;
    }

    void review(Findings findings) {
        rcConf(findings);
        if (Files.isDirectory(root.resolve("etc/systemd/system"))) {
            systemd(findings);
        } else {
            sysv(findings);
        }
    }

    /** OpenBSD: {@code name=NO} / {@code name_flags=NO} is off, anything else on; rc.conf.local wins. */
    private void rcConf(Findings findings) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (String file : List.of("etc/rc.conf", "etc/rc.conf.local")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(root.resolve(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int hash = line.indexOf('#');
                String text = (hash < 0 ? line : line.substring(0, hash)).strip();
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = text.substring(0, eq).strip();
                String value = unquote(text.substring(eq + 1).strip());
                settings.put(name, new Setting("/" + file, i + 1, value));
            }
        }
        settings.forEach((name, s) -> {
            if (name.equals("pkg_scripts")) {
                for (String script : s.value().split("\\s+")) {
                    if (!script.isEmpty()) {
                        enabled(script, s.file(), s.line(), "rcctl disable " + script + " && rcctl stop " + script, findings);
                    }
                }
                return;
            }
            String service = name.endsWith("_flags") ? name.substring(0, name.length() - "_flags".length()) : name;
            if ((DAEMONS.containsKey(service) || SUPER_SERVERS.contains(service)) && !s.value().equalsIgnoreCase("NO")) {
                String rc = service.equals("nfs_server") ? "nfsd mountd" : service;
                enabled(service, s.file(), s.line(), "rcctl disable " + rc + "   # " + name + "=NO in rc.conf.local", findings);
            }
        });
    }

    private record Setting(String file, int line, String value) {}

    /** A unit is enabled by a link in any {@code *.wants/} or {@code *.requires/} directory, unless masked. */
    private void systemd(Findings findings) {
        for (String unit : new TreeSet<>(allNames())) {
            for (String suffix : List.of(".service", ".socket")) {
                Optional<Path> link = enablementLink(unit + suffix);
                if (link.isPresent() && !masked(unit + suffix)) {
                    enabled(unit, "/" + root.relativize(link.get()), 0,
                            "systemctl disable --now " + unit + ".service" + (suffix.equals(".socket") ? " " + unit + ".socket" : ""),
                            findings);
                    break;
                }
            }
        }
    }

    private Optional<Path> enablementLink(String unitFile) {
        for (String tree : SYSTEMD_TREES) {
            Path dir = root.resolve(tree);
            try (DirectoryStream<Path> wants = Files.newDirectoryStream(dir,
                    p -> p.getFileName().toString().endsWith(".wants") || p.getFileName().toString().endsWith(".requires"))) {
                for (Path w : wants) {
                    Path link = w.resolve(unitFile);
                    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        return Optional.of(link);
                    }
                }
            } catch (IOException e) {
                // no such tree
            }
        }
        return Optional.empty();
    }

    private boolean masked(String unitFile) {
        for (String tree : List.of("etc/systemd/system", "run/systemd/system")) {
            try {
                if (Files.readSymbolicLink(root.resolve(tree).resolve(unitFile)).toString().equals("/dev/null")) {
                    return true;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a link
            }
        }
        return false;
    }

    /** SysV: a start link {@code S<two digits><name>} in a multi-user runlevel. */
    private void sysv(Findings findings) {
        Map<String, Path> started = new LinkedHashMap<>();
        for (int level = 2; level <= 5; level++) {
            try (DirectoryStream<Path> links = Files.newDirectoryStream(root.resolve("etc/rc" + level + ".d"),
                    p -> p.getFileName().toString().matches("S\\d\\d.+"))) {
                for (Path l : links) {
                    started.putIfAbsent(l.getFileName().toString().substring(3), l);
                }
            } catch (IOException e) {
                // no such runlevel directory
            }
        }
        new TreeSet<>(started.keySet()).forEach(name -> {
            if (allNames().contains(name)) {
                enabled(name, "/" + root.relativize(started.get(name)), 0, "update-rc.d " + name + " disable", findings);
            }
        });
    }

    private static List<String> allNames() {
        List<String> names = new java.util.ArrayList<>(DAEMONS.keySet());
        names.addAll(SUPER_SERVERS);
        return names;
    }

    private void enabled(String name, String file, int line, String fix, Findings findings) {
        String where = line > 0 ? file + ":" + line : file;
        if (SUPER_SERVERS.contains(name)) {
            findings.plain("BOOT-ENABLED", Severity.INFO, name + " starts at boot (" + where + ")", file, line,
                    "a super-server starts whatever its configuration enables; its entries are judged above",
                    "if it serves nothing: " + fix);
            return;
        }
        String daemon = DAEMONS.getOrDefault(name, name);
        KbEntry row = kb.byDaemon(daemon).orElse(null);
        if (row == null || row.recommendation() == Recommendation.KEEP) {
            return;
        }
        Severity severity = row.recommendation() == Recommendation.DISABLE ? Severity.LOW : Severity.INFO;
        findings.judged("BOOT-ENABLED", severity, name + " starts at boot (" + where + "): " + row.shortRisk(), file, line,
                row.service(), row, fix);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
