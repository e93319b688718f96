package dev.jwrap.host.log;

import dev.jwrap.core.sys.NativeLibc;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The RFC 3164 timestamp of a clock's current second, formatted once per second and reused:
 * formatting a date costs more than sending the datagram, and a busy server logs many lines a
 * second (inetd -l logs every connection). Thread-safe.
 */
final class SecondTimestamps {

    private record Stamp(long epochSecond, String text) {}

    /** The time source and its zone; null when the C library's local time is used. */
    private final Clock clock;
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    SecondTimestamps(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private SecondTimestamps() {
        this.clock = null;
    }

    /**
     * Stamps in the C library's local time ({@code localtime_r} through libjwrap.so), as glibc's
     * syslog() stamps its lines. Only when {@link NativeLibc#available()}: it spares a
     * short-lived process the JDK's time-zone database (≈ 10 ms of jwrap tcpd's start-up).
     */
    static SecondTimestamps cLocalTime() {
        return new SecondTimestamps();
    }

    /** The timestamp of now, in the clock's zone. */
    String now() {
        long second = clock == null ? Math.floorDiv(System.currentTimeMillis(), 1000) : clock.instant().getEpochSecond();
        Stamp stamp = last;
        if (stamp.epochSecond() != second) {
            // zone offsets change on whole seconds, so one second has one text
            stamp = new Stamp(second, format(second));
            last = stamp;
        }
        return stamp.text();
    }

    private String format(long second) {
        if (clock != null) {
            return Rfc3164.timestamp(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), clock.getZone()));
        }
        int[] fields = new int[5];
        if (NativeLibc.localTime(second, fields) != 0) {
            // a year beyond the C library's range: the line keeps UTC rather than no time at all
            return Rfc3164.timestamp(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC));
        }
        return Rfc3164.timestamp(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }
}
