package dev.jwrap.host.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A cached timestamp is exactly the one formatted afresh, also across seconds and a DST change. */
class SecondTimestampsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private final ZoneId zone;
        private Instant now;

        ManualClock(Instant start, ZoneId zone) {
            this.now = start;
            this.zone = zone;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new ManualClock(now, other);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void followsTheClockSecondBySecond() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-03T06:40:19.100Z"), ZoneOffset.UTC);
        SecondTimestamps stamps = new SecondTimestamps(clock);
        assertThat(stamps.now()).isEqualTo("Nov  3 06:40:19");
        clock.advance(Duration.ofMillis(899));
        assertThat(stamps.now()).isEqualTo("Nov  3 06:40:19");
        clock.advance(Duration.ofMillis(1));
        assertThat(stamps.now()).isEqualTo("Nov  3 06:40:20");
        clock.advance(Duration.ofDays(30));
        assertThat(stamps.now()).isEqualTo("Dec  3 06:40:20");
    }

    @Test
    void localTimeJumpsBackAtTheEndOfSummerTime() {
        // Europe/Berlin leaves summer time on 2026-10-25 at 01:00 UTC: 02:59:59 CEST, then 02:00:00 CET
        ManualClock clock = new ManualClock(Instant.parse("2026-10-25T00:59:59Z"), ZoneId.of("Europe/Berlin"));
        SecondTimestamps stamps = new SecondTimestamps(clock);
        assertThat(stamps.now()).isEqualTo("Oct 25 02:59:59");
        clock.advance(Duration.ofSeconds(1));
        assertThat(stamps.now()).isEqualTo("Oct 25 02:00:00");
    }
}
