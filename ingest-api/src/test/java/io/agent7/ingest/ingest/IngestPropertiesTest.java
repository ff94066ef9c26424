package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

    private static IngestProperties withRetries(Integer maxRetries) {
        return new IngestProperties(null, 0, null, 0, null, null, 0, 0, null, maxRetries, 0, null, null, null);
    }

    @Test
    void retriesDefaultToFiveAndZeroTurnsThemOff() {
        assertThat(withRetries(null).maxRetries()).isEqualTo(5);
        assertThat(withRetries(0).maxRetries()).isZero();
        assertThat(withRetries(2).maxRetries()).isEqualTo(2);
    }

    @Test
    void aNegativeRetryCountIsRefusedByName() {
        assertThatThrownBy(() -> withRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.ingest.max-retries cannot be negative, got -1");
    }

    @Test
    void theWaitForReadersIsAnEighthOfTheHeapAndAtLeastSixteenMegabytes() {
        long expected = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
        assertThat(withRetries(null).maxUnreadSize()).isEqualTo(DataSize.ofBytes(expected));
        assertThat(withRetries(null).maxUnreadSize().toMegabytes()).isGreaterThanOrEqualTo(16);
    }
}
