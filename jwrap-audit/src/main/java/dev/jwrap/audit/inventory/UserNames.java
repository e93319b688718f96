package dev.jwrap.audit.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** uid to name from {@code ROOT/etc/passwd}; a missing or unreadable file gives no names. */
final class UserNames {

    private final Path passwd;

    UserNames(Path root) {
        this.passwd = root.resolve("etc/passwd");
    }

    Map<Integer, String> read() {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].startsWith("#")) {
                    try {
                        names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException e) {
                        // a broken line names nobody
                    }
                }
            }
        } catch (IOException e) {
            // no passwd: uids stay numbers
        }
        return names;
    }
}
