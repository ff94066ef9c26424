package io.agent7.server.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElasticsearchPropertiesTest {

    static ElasticsearchProperties timeouts(Duration connect, Duration socket, Duration request) {
        return new ElasticsearchProperties(
                URI.create("http://127.0.0.1:9200"), null, null, null, connect, socket, request);
    }

    @Test
    void everyRequestHasADeadlineByDefault() {
        ElasticsearchProperties defaults = timeouts(null, null, null);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.socketTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theRequestDeadlineCannotBeShorterThanItsParts() {
        assertThatThrownBy(() -> timeouts(null, Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent7.elasticsearch.request-timeout (PT30S)")
                .hasMessageContaining("socket-timeout (PT1M)");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefusedByName() {
        assertThatThrownBy(() -> timeouts(Duration.ZERO, null, null))
                .hasMessage("agent7.elasticsearch.connect-timeout must be positive, got PT0S");
        assertThatThrownBy(() -> timeouts(null, null, Duration.ofSeconds(-1)))
                .hasMessage("agent7.elasticsearch.request-timeout must be positive, got PT-1S");
    }
}
