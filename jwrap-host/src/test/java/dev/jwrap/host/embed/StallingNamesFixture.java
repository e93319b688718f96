package dev.jwrap.host.embed;

import dev.jwrap.core.AccessPolicy;
import dev.jwrap.core.LookupServices;
import dev.jwrap.host.log.RecordingSyslog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Test fixture: daemon {@code myd} with tables that let 127.0.0.1 in by address (with a banner and
 * {@code keepalive}) and anyone else only by a name, which needs the name service; the name
 * service hangs on 127.0.0.2 until released. Logs, events and counts are recorded.
 */
public final class StallingNamesFixture {

    /** Priority codes on the wire of tcpd's default verdict levels. */
    public static final int DAEMON_WARNING = 3 << 3 | 4;
    public static final int DAEMON_INFO = 3 << 3 | 6;

    public final RecordingSyslog log = new RecordingSyslog();
    public final RecordingObserver recorder = new RecordingObserver();
    public final BlockingResolver resolver = new BlockingResolver("127.0.0.2");
    private final AccessPolicy policy;

    public StallingNamesFixture(Path dir) throws IOException {
        policy = TestTables.write(dir, "myd", """
                myd: 127.0.0.1 : banners ALLOW_BANNERS : keepalive
                myd: .example.test
                """, """
                myd: ALL : banners DENY_BANNERS
                """).policy();
    }

    /** A builder for {@code myd} wired to the recordings and the stalling name service. */
    public EmbeddedAccess.Builder access(Duration checkTimeout) {
        return EmbeddedAccess.builder("myd", () -> policy, log)
                .services(new LookupServices(resolver, LookupServices.OFFLINE.ident(), LookupServices.OFFLINE.users()))
                .checkTimeout(checkTimeout)
                .observer(recorder)
                .metrics(recorder);
    }
}
