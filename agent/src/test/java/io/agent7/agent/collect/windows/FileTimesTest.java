package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileTimesTest {

    @ParameterizedTest
    @CsvSource({
        // 1601-01-01 + 1 tick, the Unix epoch, a time with sub-second ticks
        "1, 1601-01-01T00:00:00.000000100Z",
        "116444736000000000, 1970-01-01T00:00:00Z",
        "133483275451234567, 2023-12-29T12:45:45.123456700Z",
        // what GetSystemTimeAsFileTime gives for 2038-01-19T03:14:08Z, past the 32-bit Unix limit
        "137919572480000000, 2038-01-19T03:14:08Z"
    })
    void turnsFileTimeTicksIntoInstantsAndBack(long ticks, String instant) {
        assertThat(FileTimes.instant(ticks)).contains(Instant.parse(instant));
        assertThat(FileTimes.ticks(Instant.parse(instant))).isEqualTo(ticks);
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, Long.MAX_VALUE, -1L, Long.MIN_VALUE})
    void readsZeroTheLargestValueAndNegativeTicksAsNever(long ticks) {
        assertThat(FileTimes.instant(ticks)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        // dwLowDateTime with its top bit set must not sign-extend into the high half
        "0xD53E8000, 0x019DB1DE, 116444736000000000",
        "0xFFFFFFFF, 0x7FFFFFFF, 9223372036854775807",
        "0x00000000, 0x00000000, 0"
    })
    void joinsTheTwoHalvesOfAFileTimeStructureUnsigned(String low, String high, long ticks) {
        int lowDateTime = Integer.parseUnsignedInt(low.substring(2), 16);
        int highDateTime = Integer.parseUnsignedInt(high.substring(2), 16);

        assertThat(FileTimes.ticks(lowDateTime, highDateTime)).isEqualTo(ticks);
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1970-01-01T00:00:01Z",
        "1700000000, 2023-11-14T22:13:20Z",
        // past 2038: the DWORD is unsigned, so the top bit is a date and not a sign
        "-1294967296, 2065-01-24T05:20:00Z"
    })
    void readsLanManagerSecondsSince1970AsUnsigned(int seconds, String instant) {
        assertThat(FileTimes.netTime(seconds)).contains(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, FileTimes.TIMEQ_FOREVER})
    void readsLanManagerZeroAndTimeqForeverAsNever(int seconds) {
        assertThat(FileTimes.netTime(seconds)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-11-14T22:13:20Z", "2100-01-01T00:00:00Z"})
    void writesInstantsAsLanManagerSeconds(String instant) {
        int seconds = FileTimes.netTime(Instant.parse(instant));

        assertThat(FileTimes.netTime(seconds)).contains(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59Z", "2106-02-07T06:28:15Z"})
    void refusesInstantsALanManagerTimeCannotHold(String instant) {
        assertThatThrownBy(() -> FileTimes.netTime(Instant.parse(instant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(instant);
    }
}
