package dev.jwrap.cli;

import dev.jwrap.core.LookupServices;
import dev.jwrap.core.resolve.Rfc1413IdentClient;
import dev.jwrap.core.resolve.SystemHostResolver;
import dev.jwrap.core.resolve.SystemUserDatabase;

/** Creates the lookup services the commands use: the composition root's one place for them. */
final class Services {

    private Services() {}

    /** glibc's resolver (bounded by timeouts), RFC 1413 ident, and the system user database. */
    static LookupServices system() {
        return new LookupServices(new SystemHostResolver(), new Rfc1413IdentClient(), new SystemUserDatabase());
    }
}
