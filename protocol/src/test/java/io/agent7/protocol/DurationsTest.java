package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S, 250ms",
        "1500ms, PT1.5S, 1500ms",
        "2000ms, PT2S, 2s",
        "30s, PT30S, 30s",
        "90s, PT1M30S, 90s",
        "60s, PT1M, 1m",
        "15m, PT15M, 15m",
        "120m, PT2H, 2h",
        "24h, PT24H, 1d",
        "7d, PT168H, 7d",
        "0s, PT0S, 0s",
        "' 5m ', PT5M, 5m"
    })
    void parsesAndFormatsInTheLargestUnitThatDivides(String text, Duration parsed, String formatted) {
        assertThat(Durations.parse(text)).isEqualTo(parsed);
        assertThat(Durations.format(parsed)).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5 m", "1.5s", "-5s", "5w", "5S", "1234567890d"})
    void refusesAnythingElseAndSaysWhatWouldDo(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration such as 30s, 5m, 1h or 1d; got '" + text + "'");
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).hasMessageEndingWith("got 'null'");
    }
}
