package io.agent7.server.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchPropertiesTest {

    static ElasticsearchProperties timeouts(Duration connect, Duration socket, Duration request) {
        return new ElasticsearchProperties(
                List.of(URI.create("http://127.0.0.1:9200")), null, null, null, connect, socket, request, null, null);
    }

    static ElasticsearchProperties pools(Integer maxConnections, Integer completionThreads) {
        return new ElasticsearchProperties(
                List.of(URI.create("http://127.0.0.1:9200")),
                null,
                null,
                null,
                null,
                null,
                null,
                maxConnections,
                completionThreads);
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

    @Test
    void poolsHaveDefaultsThatFollowTheMachine() {
        ElasticsearchProperties defaults = pools(null, null);
        assertThat(defaults.maxConnections()).isEqualTo(64);
        assertThat(defaults.completionThreads())
                .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        assertThat(pools(7, 3).maxConnections()).isEqualTo(7);
        assertThat(pools(7, 3).completionThreads()).isEqualTo(3);
    }

    @Test
    void aPoolOfNoneOrFewerIsRefusedByName() {
        assertThatThrownBy(() -> pools(0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.elasticsearch.max-connections must be at least 1, got 0");
        assertThatThrownBy(() -> pools(null, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.elasticsearch.completion-threads must be at least 1, got -2");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedByName() {
        assertThatThrownBy(() -> ElasticsearchProperties.of(URI.create("ftp://127.0.0.1:9200")))
                .hasMessage("agent7.elasticsearch.url must be http or https URLs, got 'ftp://127.0.0.1:9200'");
    }

    @Test
    void aClustersNodesAreGivenAsAListThatSharesSchemeAndPath() {
        ElasticsearchProperties three = new ElasticsearchProperties(
                List.of(
                        URI.create("https://10.0.0.1:9200"),
                        URI.create("https://10.0.0.2:9200"),
                        URI.create("https://10.0.0.3")),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(three.url()).hasSize(3);
        assertThatThrownBy(() -> new ElasticsearchProperties(
                        List.of(URI.create("https://10.0.0.1:9200"), URI.create("http://10.0.0.2:9200")),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .hasMessageContaining("share a scheme and a path");
    }
}
