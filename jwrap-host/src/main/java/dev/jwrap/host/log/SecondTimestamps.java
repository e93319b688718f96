package dev.jwrap.host.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The RFC 3164 timestamp of a clock's current second, formatted once per second and reused:
 * formatting a date costs more than sending the datagram, and a busy server logs many lines a
 * second (inetd -l logs every connection). Thread-safe.
 */
final class SecondTimestamps {

    private record Stamp(long epochSecond, String text) {}

    private final Clock clock;
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    SecondTimestamps(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The timestamp of now, in the clock's zone. */
    String now() {
        Instant now = clock.instant();
        Stamp stamp = last;
        if (stamp.epochSecond() != now.getEpochSecond()) {
            // zone offsets change on whole seconds, so one second has one text
            stamp = new Stamp(now.getEpochSecond(), Rfc3164.timestamp(ZonedDateTime.ofInstant(now, clock.getZone())));
            last = stamp;
        }
        return stamp.text();
    }
}
