package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Where a type's documents are written: one index for state, a daily index for a series' samples. */
class SeriesIndexTest {

    private static final Schema SCHEMA = Schema.standard();
    private static final DataType METRIC = SCHEMA.require("system_metric");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static ObjectNode sampleAt(String time) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putObject("system_metric").put("sampled_at", time);
        return document;
    }

    @Test
    void aSampleGoesToTheIndexOfItsOwnDayInUtc() {
        assertThat(METRIC.seriesTime()).isEqualTo("system_metric.sampled_at");
        assertThat(METRIC.writeIndex(sampleAt("2026-12-07T09:59:59.999Z"), NOW))
                .isEqualTo("agent7-system_metric-2026.12.07");
        // A sample sent again days later, from an agent's spool, goes where it went the first time.
        assertThat(METRIC.writeIndex(sampleAt("2026-11-30T23:59:59.999Z"), NOW.plusSeconds(7 * 86_400)))
                .isEqualTo("agent7-system_metric-2026.11.30");
    }

    @Test
    void aSampleFromAClockFarAheadGoesToTomorrowsIndexNotToOneOfAFutureYear() {
        assertThat(METRIC.writeIndex(sampleAt("2026-12-08T23:00:00.000Z"), NOW))
                .isEqualTo("agent7-system_metric-2026.12.08");
        assertThat(METRIC.writeIndex(sampleAt("2099-01-01T00:00:00.000Z"), NOW))
                .isEqualTo("agent7-system_metric-2026.12.08");
    }

    @Test
    void aSampleWithoutItsTimeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> METRIC.writeIndex(JsonNodeFactory.instance.objectNode(), NOW))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("system_metric.sampled_at");
    }

    @Test
    void stateTypesHaveOneIndex() {
        DataType process = SCHEMA.require("process");
        assertThat(process.writeIndex(JsonNodeFactory.instance.objectNode(), NOW))
                .isEqualTo("agent7-process");
        assertThat(process.seriesTime()).isNull();
        assertThat(process.dayOf("agent7-process-2026.12.07")).isEmpty();
        assertThatThrownBy(process::dailyIndexPattern).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDayOfADailyIndexIsReadFromItsNameAndOtherNamesHaveNone() {
        assertThat(METRIC.dailyIndexPattern()).isEqualTo("agent7-system_metric-*");
        assertThat(METRIC.dayOf("agent7-system_metric-2026.02.28")).contains(LocalDate.of(2026, 2, 28));
        assertThat(METRIC.dayOf(METRIC.dailyIndex(LocalDate.of(2027, 1, 1)))).contains(LocalDate.of(2027, 1, 1));
        assertThat(METRIC.dayOf("agent7-system_metric-2026.02.30")).isEmpty();
        assertThat(METRIC.dayOf("agent7-system_metric-restored")).isEmpty();
        assertThat(METRIC.dayOf("agent7-system_metric")).isEmpty();
    }

    @Test
    void aSeriesNeedsExactlyOneDateIdentityField() {
        assertThatThrownBy(() -> DataType.builder("sample")
                        .series()
                        .keyword("sample.name", "A name.")
                        .identity("sample.name")
                        .build())
                .hasMessageContaining("exactly one date identity field");
    }
}
