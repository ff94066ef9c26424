package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class AlertRequestsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:30:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Map<String, String[]> parameters(String... namesAndValues) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String[] before = out.getOrDefault(name, new String[0]);
            String[] after = java.util.Arrays.copyOf(before, before.length + 1);
            after[before.length] = namesAndValues[i + 1];
            out.put(name, after);
        }
        return out;
    }

    @Test
    void statusesAndSeveritiesAreTakenRepeatedOrCommaSeparated() {
        AlertFilter filter = AlertRequests.filter(
                parameters("status", "open, Acknowledged", "status", "open", "severity", "critical"), CLOCK);
        assertThat(filter.statuses()).containsExactlyInAnyOrder(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);
        assertThat(filter.severities()).containsExactly(Severity.CRITICAL);
        assertThat(AlertRequests.filter(Map.of(), CLOCK)).isEqualTo(AlertFilter.ANY);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "status|opened|status must be one of open, acknowledged, closed, got 'opened'",
                "severity|severe|severity must be one of low, medium, high, critical, got 'severe'",
                "from|last tuesday|from must be an ISO time",
                "to|2026-13-01|to must be an ISO time"
            })
    void aBadFilterNamesTheParameterAndWhatItTakes(String name, String value, String message) {
        assertThatThrownBy(() -> AlertRequests.filter(parameters(name, value), CLOCK))
                .isInstanceOf(AlertInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void timesAreIsoOrRelativeToNowAndFromMustBeBeforeTo() {
        AlertFilter filter =
                AlertRequests.filter(parameters("from", "24 hours ago", "to", "2026-12-02T09:00:00Z"), CLOCK);
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThatThrownBy(() -> AlertRequests.filter(parameters("from", "now", "to", "yesterday"), CLOCK))
                .hasMessageContaining("must be before to");
    }

    @Test
    void aParameterThatTakesOneValueGivenTwiceIsRefused() {
        assertThatThrownBy(() -> AlertRequests.filter(parameters("host", "a", "host", "b"), CLOCK))
                .hasMessage("host is given 2 times; give it once");
    }

    @ParameterizedTest
    @CsvSource({"'',50", "1,1", "500,500", "' 7 ',7"})
    void aPageHoldsOneTo500Alerts(String size, int expected) {
        assertThat(AlertRequests.size(size)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "501", "-3", "ten"})
    void aSizeOutsideOneTo500IsRefused(String size) {
        assertThatThrownBy(() -> AlertRequests.size(size)).hasMessageContaining("size must be a number from 1 to 500");
    }

    @Test
    void anUnknownActionNamesTheActionsThereAre() {
        assertThatThrownBy(() -> AlertRequests.action("delete", AlertRequests.BULK))
                .hasMessage("action must be one of acknowledge, assign, close, reopen, got 'delete'");
        assertThatThrownBy(() -> AlertRequests.action("note", AlertRequests.BULK))
                .as("notes are written one alert at a time")
                .hasMessageContaining("got 'note'");
        assertThatThrownBy(() -> AlertRequests.action(null, AlertRequests.BULK))
                .hasMessageStartingWith("action is required");
        assertThat(AlertRequests.action(" Close ", AlertRequests.BULK)).isEqualTo(AlertRequests.Action.CLOSE);
    }

    @Test
    void aBodyWithAFieldItDoesNotTakeIsRefusedNamingIt() {
        assertThatThrownBy(() -> AlertRequests.body(JSON.readTree("{\"reasn\": \"fp\"}"), Set.of("reason")))
                .hasMessage("unknown field 'reasn' in the body; it takes reason");
        assertThatThrownBy(() -> AlertRequests.body(JSON.readTree("[1]"), Set.of("reason")))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> AlertRequests.body(JSON.readTree("{\"reason\": 7}"), Set.of("reason"))
                        .text("reason"))
                .hasMessage("reason must be a string, got 7");
        assertThat(AlertRequests.body(null, Set.of()).text("reason")).isNull();
    }

    @Test
    void aBulkTakesOneTo1000Ids() {
        assertThat(AlertRequests.ids(Collections.nCopies(1000, "a"))).hasSize(1000);
        assertThatThrownBy(() -> AlertRequests.ids(Collections.nCopies(1001, "a")))
                .hasMessageContaining("ids holds 1001 alerts; at most 1000");
        assertThatThrownBy(() -> AlertRequests.ids(List.of())).hasMessageStartingWith("ids is required");
        assertThatThrownBy(() -> AlertRequests.ids(List.of("a", " "))).hasMessageContaining("an alert id is 1 to 512");
    }
}
