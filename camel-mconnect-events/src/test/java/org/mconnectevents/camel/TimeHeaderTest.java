package org.mconnectevents.camel;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The time header of a consumed event reads exactly as Java's ISO offset date-time format writes it, for any time. */
class TimeHeaderTest {

    @Test
    void writesEveryTimeAsTheIsoFormatterDoes() {
        List<ZoneOffset> offsets = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(-5, -30),
                ZoneOffset.ofHoursMinutesSeconds(5, 30, 15), ZoneOffset.MAX, ZoneOffset.MIN);
        List<Integer> years = List.of(1, 999, 2026, 9999, 10_000, -1);
        List<Integer> nanos = List.of(0, 1, 10, 100_000_000, 120_000_000, 123_456_789, 999_999_999, 500_000);
        for (ZoneOffset offset : offsets) {
            for (int year : years) {
                for (int nano : nanos) {
                    OffsetDateTime time = OffsetDateTime.of(year, 2, 9, 7, 5, 0, nano, offset);

                    assertThat(ExchangeEvents.isoTime(time)).isEqualTo(time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                }
            }
        }
    }
}
