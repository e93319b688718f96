package dev.jwrap.inetd.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClockFormatsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "2026-11-03T06:41:05Z, UTC, 'Tue Nov  3 06:41:05 2026'",
        "2026-11-23T06:41:05Z, UTC, 'Mon Nov 23 06:41:05 2026'",
        "2026-11-23T06:41:05Z, Europe/Berlin, 'Mon Nov 23 07:41:05 2026'",
        "1970-01-01T00:00:00Z, UTC, 'Thu Jan  1 00:00:00 1970'",
        "2024-02-29T23:59:59Z, UTC, 'Thu Feb 29 23:59:59 2024'",
    })
    void daytime_isCtimeWithCrLf(String instant, String zone, String expected) {
        byte[] line = ClockFormats.daytime(ZonedDateTime.ofInstant(Instant.parse(instant), ZoneId.of(zone)));
        assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo(expected + "\r\n");
        assertThat(line).hasSize(26);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1970-01-01T00:00:00Z, 83AA7E80",
        "1900-01-01T00:00:00Z, 00000000",
        "2036-02-07T06:28:15Z, FFFFFFFF",
        "2036-02-07T06:28:16Z, 00000000",
        "2026-11-23T06:41:05Z, EEAE5E81",
    })
    void time_isSecondsSince1900BigEndianMod2To32(String instant, String hex) {
        byte[] value = ClockFormats.time(Instant.parse(instant));
        assertThat(java.util.HexFormat.of().withUpperCase().formatHex(value)).isEqualTo(hex);
    }
}
