package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FootprintTest {

    static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void tenThousandHostsCollectingTheirProcessesFitInTwoGigabytes() {
        int count = 10_000;
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        List<VirtualHost> fleet = new ArrayList<>(count);
        long documents = 0;
        for (int i = 0; i < count; i++) {
            VirtualHost host = VirtualHost.create(1234L, i, Fleets.T0);
            documents += Fleets.collect(host, "process").size();
            fleet.add(host);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long retained = usedHeapAfterGc() - before;
        System.out.printf(
                Locale.ROOT,
                "%d hosts: %d MiB retained, %d bytes per host; created and collected %d processes in %d s%n",
                count,
                retained >> 20,
                retained / count,
                documents,
                seconds);
        assertThat(fleet).hasSize(count);
        assertThat(retained).isLessThan(TWO_GIB);
    }

    @Test
    void creatingAndCollectingEveryTypeOfAThousandHostsTakesSeconds() {
        int count = 1_000;
        long start = System.nanoTime();
        List<VirtualHost> fleet = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fleet.add(VirtualHost.create(4321L, i, Fleets.T0));
        }
        long created = System.nanoTime();
        long documents = 0;
        for (VirtualHost host : fleet) {
            for (String type : Fleets.types(host)) {
                documents += Fleets.collect(host, type).size();
            }
        }
        long collected = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "%d hosts: created in %d ms, every type collected in %d ms (%d documents)%n",
                count,
                (created - start) / 1_000_000,
                (collected - created) / 1_000_000,
                documents);
        assertThat(documents).isGreaterThan(count * 200L);
        assertThat((collected - start) / 1_000_000_000L)
                .as("seconds for create and collect")
                .isLessThan(120);
    }
}
