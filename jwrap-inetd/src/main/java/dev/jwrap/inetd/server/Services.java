package dev.jwrap.inetd.server;

import dev.jwrap.inetd.builtin.Builtins;
import dev.jwrap.host.log.Syslog;
import dev.jwrap.host.process.ChannelDescriptors;
import java.util.function.LongSupplier;

/**
 * What every listener shares: options, the access gate, the program starter, the built-ins, the
 * logs and the clock of the rate limiter.
 */
record Services(SupervisorOptions options, AccessGate gate, ProgramStarter starter, Builtins builtins, Syslog log,
        Trace trace, LongSupplier nanoClock, ChannelDescriptors descriptors) {

}
