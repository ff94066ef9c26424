package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchPropertiesTest {

    @Test
    void defaultsAreElasticsearchsWindowAndAHundred() {
        assertThat(SearchProperties.defaults()).isEqualTo(new SearchProperties(10_000, 100));
        assertThat(new SearchProperties(50, null).defaultLimit())
                .as("never past the window")
                .isEqualTo(50);
    }

    @Test
    void aWindowElasticsearchWouldRefuseOrNoneAtAllIsRefusedByName() {
        assertThatThrownBy(() -> new SearchProperties(20_000, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.search.max-window must be between 1 and 10000"
                        + " (Elasticsearch's index.max_result_window), got 20000");
        assertThatThrownBy(() -> new SearchProperties(0, null))
                .hasMessageStartingWith("agent7.search.max-window must be between 1 and 10000");
    }

    @Test
    void aDefaultLimitOutsideTheWindowIsRefusedByName() {
        assertThatThrownBy(() -> new SearchProperties(500, 501))
                .hasMessage(
                        "agent7.search.default-limit must be between 1 and agent7.search.max-window (500), got 501");
        assertThatThrownBy(() -> new SearchProperties(null, -1))
                .hasMessage(
                        "agent7.search.default-limit must be between 1 and agent7.search.max-window (10000), got -1");
    }
}
