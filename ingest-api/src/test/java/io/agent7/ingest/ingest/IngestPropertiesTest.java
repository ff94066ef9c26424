package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

    /** The message the service stops with when the setting is refused. */
    private static String refusal(String... settings) {
        try {
            IngestSettings.of(settings);
        } catch (BindException e) {
            return e.getCause().getCause() != null
                    ? e.getCause().getCause().getMessage()
                    : e.getCause().getMessage();
        }
        throw new AssertionError("accepted: " + String.join(", ", settings));
    }

    @Test
    void settingsLeftOutTakeTheirDefaults() {
        IngestProperties defaults = IngestSettings.of();
        assertThat(defaults).isEqualTo(IngestProperties.defaults());
        assertThat(defaults.maxBodySize()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(defaults.maxDocuments()).isEqualTo(100_000);
        assertThat(defaults.maxLineSize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(defaults.bulkMaxOperations()).isEqualTo(5_000);
        assertThat(defaults.bulkMaxSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(defaults.bulkFlushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.bulkMaxConcurrent()).isEqualTo(3);
        assertThat(defaults.maxPendingOperations()).isEqualTo(200_000);
        assertThat(defaults.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxRetries()).isEqualTo(5);
        assertThat(defaults.parseConcurrency())
                .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        assertThat(defaults.searchConcurrency()).isEqualTo(8);
        assertThat(defaults.stallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.wedgeTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxBatchAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void retriesDefaultToFiveAndZeroTurnsThemOff() {
        assertThat(IngestSettings.of().maxRetries()).isEqualTo(5);
        assertThat(IngestSettings.of("max-retries=0").maxRetries()).isZero();
        assertThat(IngestSettings.of("max-retries=2").maxRetries()).isEqualTo(2);
    }

    @Test
    void aNegativeRetryCountIsRefusedByName() {
        assertThatThrownBy(() -> new IngestProperties(
                        null, null, null, null, null, null, null, null, null, -1, null, null, null, null, null, null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.ingest.max-retries cannot be negative, got -1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        max-documents=0          => agent7.ingest.max-documents must be at least 1, got 0
        max-documents=-5         => agent7.ingest.max-documents must be at least 1, got -5
        bulk-max-operations=0    => agent7.ingest.bulk-max-operations must be at least 1, got 0
        bulk-max-concurrent=-1   => agent7.ingest.bulk-max-concurrent must be at least 1, got -1
        max-pending-operations=0 => agent7.ingest.max-pending-operations must be at least 1, got 0
        parse-concurrency=0      => agent7.ingest.parse-concurrency must be at least 1, got 0
        search-concurrency=0     => agent7.ingest.search-concurrency must be at least 1, got 0
        max-body-size=0B         => agent7.ingest.max-body-size must be positive, got 0B
        bulk-max-size=-1MB       => agent7.ingest.bulk-max-size must be positive, got -1048576B
        max-unread-size=0B       => agent7.ingest.max-unread-size must be positive, got 0B
        write-timeout=0s         => agent7.ingest.write-timeout must be positive, got PT0S
        bulk-flush-interval=-1ms => agent7.ingest.bulk-flush-interval must be positive, got PT-0.001S
        max-batch-age=0s         => agent7.ingest.max-batch-age must be positive, got PT0S
        max-clock-skew=-1m       => agent7.ingest.max-clock-skew cannot be negative, got PT-1M
        """)
    void aNonsensicalSettingStopsTheServiceWithItsName(String setting, String message) {
        assertThat(refusal(setting)).isEqualTo(message);
    }

    @Test
    void settingsAtOddsWithEachOtherAreRefusedNamingBoth() {
        assertThat(refusal("max-line-size=2MB", "max-body-size=1MB"))
                .isEqualTo(
                        "agent7.ingest.max-line-size (2097152B) cannot exceed agent7.ingest.max-body-size (1048576B)");
        assertThat(refusal("stall-timeout=5m", "wedge-timeout=3m"))
                .isEqualTo("agent7.ingest.wedge-timeout (PT3M) must be longer than agent7.ingest.stall-timeout (PT5M)");
    }

    @Test
    void zeroClockSkewToleratesNone() {
        assertThat(IngestSettings.of("max-clock-skew=0s").maxClockSkew()).isZero();
    }

    @Test
    void theWaitForReadersIsAnEighthOfTheHeapAndAtLeastSixteenMegabytes() {
        long expected = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
        assertThat(IngestSettings.of().maxUnreadSize()).isEqualTo(DataSize.ofBytes(expected));
        assertThat(IngestSettings.of().maxUnreadSize().toMegabytes()).isGreaterThanOrEqualTo(16);
    }
}
