package io.agent7.agent.collect.windows.process;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Documents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A 16 GiB, 8-processor host with two page files, read twice 0.55 s apart. */
class SystemMetricsTest {

    static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    static final CpuTimes BEFORE = new CpuTimes(1_000_000, 1_500_000, 500_000);

    // 600,000 ticks idle of 1,100,000 (kernel 800,000 including idle, user 300,000).
    static final CpuTimes AFTER = new CpuTimes(1_600_000, 2_300_000, 800_000);

    static final List<SystemSample.PageFile> PAGE_FILES = List.of(
            new SystemSample.PageFile("\\??\\C:\\pagefile.sys", 655_360, 52_429),
            new SystemSample.PageFile("\\??\\D:\\pagefile.sys", 262_144, 0));

    static SystemSample sample(CpuTimes previous, CpuTimes now, List<SystemSample.PageFile> pageFiles) {
        return new SystemSample(
                AT, previous, now, 17_179_869_184L, 6_442_450_944L, 4096L, 143, pageFiles, 8, 93_784_123L);
    }

    @Test
    void aSampleHasCpuMemoryPageFilesProcessesAndUptime() {
        ObjectNode doc = SystemMetrics.document(sample(BEFORE, AFTER, PAGE_FILES));
        Fields.assertConforms("system_metric", List.of(doc));
        assertThat(text(doc, "system_metric.sampled_at")).isEqualTo("2026-12-07T12:00:00.000Z");
        assertThat(Documents.get(doc, "system_metric.cpu.pct").asDouble()).isEqualTo(0.4545);
        assertThat(number(doc, "system_metric.cpu.cores")).isEqualTo(8);
        assertThat(number(doc, "system_metric.memory.total")).isEqualTo(17_179_869_184L);
        assertThat(number(doc, "system_metric.memory.used")).isEqualTo(10_737_418_240L);
        assertThat(Documents.get(doc, "system_metric.memory.pct").asDouble()).isEqualTo(0.625);
        assertThat(number(doc, "system_metric.swap.total")).isEqualTo(917_504L * 4096);
        assertThat(number(doc, "system_metric.swap.used")).isEqualTo(52_429L * 4096);
        assertThat(number(doc, "system_metric.process_count")).isEqualTo(143);
        assertThat(number(doc, "host.uptime")).isEqualTo(93_784);
        assertThat(has(doc, "system_metric.load"))
                .as("Windows has no load average")
                .isFalse();
    }

    @Test
    void withoutAPreviousReadingOrWithCountersThatWentBackThereIsNoCpuShare() {
        assertThat(has(SystemMetrics.document(sample(null, AFTER, PAGE_FILES)), "system_metric.cpu.pct"))
                .isFalse();
        assertThat(has(SystemMetrics.document(sample(AFTER, BEFORE, PAGE_FILES)), "system_metric.cpu.pct"))
                .isFalse();
    }

    @Test
    void aHostWithoutPageFileHasNoSwapAndOneThatCouldNotBeReadSaysNothing() {
        ObjectNode none = SystemMetrics.document(sample(BEFORE, AFTER, List.of()));
        assertThat(number(none, "system_metric.swap.total")).isZero();
        assertThat(number(none, "system_metric.swap.used")).isZero();
        assertThat(has(SystemMetrics.document(sample(BEFORE, AFTER, null)), "system_metric.swap"))
                .isFalse();
    }
}
