package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchPropertiesTest {

    @Test
    void defaultsAreElasticsearchsWindowAndAHundred() {
        assertThat(SearchProperties.defaults()).isEqualTo(new SearchProperties(10_000, 100, null));
        assertThat(new SearchProperties(50, null, null).defaultLimit())
                .as("never past the window")
                .isEqualTo(50);
    }

    @Test
    void aWindowElasticsearchWouldRefuseOrNoneAtAllIsRefusedByName() {
        assertThatThrownBy(() -> new SearchProperties(20_000, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.search.max-window must be between 1 and 10000"
                        + " (Elasticsearch's index.max_result_window), got 20000");
        assertThatThrownBy(() -> new SearchProperties(0, null, null))
                .hasMessageStartingWith("agent7.search.max-window must be between 1 and 10000");
    }

    @Test
    void aDefaultLimitOutsideTheWindowIsRefusedByName() {
        assertThatThrownBy(() -> new SearchProperties(500, 501, null))
                .hasMessage(
                        "agent7.search.default-limit must be between 1 and agent7.search.max-window (500), got 501");
        assertThatThrownBy(() -> new SearchProperties(null, -1, null))
                .hasMessage(
                        "agent7.search.default-limit must be between 1 and agent7.search.max-window (10000), got -1");
    }

    @Test
    void cursorsLiveFiveMinutesByDefaultAndNoLongerThanElasticsearchAllows() {
        assertThat(SearchProperties.defaults().cursorKeepAlive()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new SearchProperties(null, null, Duration.ofHours(25)))
                .hasMessage("agent7.search.cursor-keep-alive must be between 1s and 24h"
                        + " (Elasticsearch's search.max_keep_alive), got PT25H");
        assertThatThrownBy(() -> new SearchProperties(null, null, Duration.ofMillis(999)))
                .hasMessageStartingWith("agent7.search.cursor-keep-alive must be between 1s and 24h");
    }
}
