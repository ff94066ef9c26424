package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.decimal;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class SystemMetricCollectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    SystemMetricCollector collector;

    @BeforeEach
    void fixture() throws Exception {
        root = fixture.root();
        collector = new SystemMetricCollector(Schema.standard(), root, CLOCK, Duration.ZERO);
    }

    @Test
    void oneSampleOfLoadMemoryAndUptime() {
        List<ObjectNode> docs = collector.collect();
        assertThat(docs).hasSize(1);
        ObjectNode sample = docs.get(0);
        assertThat(text(sample, "system_metric.sampled_at")).isEqualTo("2026-11-28T12:00:00.000Z");
        assertThat(decimal(sample, "system_metric.load.1")).isEqualTo(0.5);
        assertThat(decimal(sample, "system_metric.load.5")).isEqualTo(0.4);
        assertThat(decimal(sample, "system_metric.load.15")).isEqualTo(0.3);
        assertThat(number(sample, "system_metric.memory.total")).isEqualTo(8_000_000L * 1024);
        assertThat(number(sample, "system_metric.memory.used")).isEqualTo(2_000_000L * 1024);
        assertThat(decimal(sample, "system_metric.memory.pct")).isEqualTo(0.25);
        assertThat(number(sample, "system_metric.swap.total")).isEqualTo(1_000_000L * 1024);
        assertThat(number(sample, "system_metric.swap.used")).isEqualTo(250_000L * 1024);
        assertThat(number(sample, "host.uptime")).isEqualTo(12345);
        assertThat(number(sample, "system_metric.process_count")).isEqualTo(11);
        assertThat(number(sample, "system_metric.cpu.cores")).isEqualTo(4);
    }

    @Test
    void cpuUseIsTheBusyShareOfTheJiffiesSinceThePreviousCall() throws Exception {
        ObjectNode first = collector.collect().get(0);
        assertThat(has(first, "system_metric.cpu.pct"))
                .as("no jiffies passed between the two readings")
                .isFalse();
        // user +300, system +100, idle +500, iowait +100: 400 busy of 1000
        Files.writeString(root.resolve("proc/stat"), "cpu  1300 0 600 8500 600 0 0 0 0 0\nbtime 1700000000\n");
        ObjectNode second = collector.collect().get(0);
        assertThat(decimal(second, "system_metric.cpu.pct")).isEqualTo(0.4);
        Fields.assertConforms("system_metric", second);
        Files.writeString(root.resolve("proc/stat"), "cpu  2300 0 600 8500 600 0 0 0 0 0\nbtime 1700000000\n");
        assertThat(decimal(collector.collect().get(0), "system_metric.cpu.pct")).isEqualTo(1.0);
    }

    @Test
    void theFirstCallWaitsForASecondReading() {
        long start = System.nanoTime();
        new SystemMetricCollector(Schema.standard(), root).collect();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(SystemMetricCollector.FIRST_SAMPLE_GAP);
    }

    @Test
    void aHostWithoutProcStillGivesTheSampleTime(@TempDir Path empty) {
        ObjectNode sample = new SystemMetricCollector(Schema.standard(), empty, CLOCK, Duration.ZERO)
                .collect()
                .get(0);
        assertThat(text(sample, "system_metric.sampled_at")).isEqualTo("2026-11-28T12:00:00.000Z");
        assertThat(has(sample, "system_metric.memory")).isFalse();
    }
}
