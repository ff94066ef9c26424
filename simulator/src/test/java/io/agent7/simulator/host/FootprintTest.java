package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a simulated fleet costs: the heap its hosts keep between collections, and the
 * documents they produce. The figures are printed for the record; the assertions say what
 * they must mean.
 */
class FootprintTest {

    /** One machine must carry a 10,000-host fleet in a 2 GB heap. */
    static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
    /**
     * A host keeps a few hundred compact records (processes, connections, sessions) however
     * small: a figure below this did not measure the fleet (it was collected, or the GC did
     * not run).
     */
    static final long MIN_BYTES_PER_HOST = 1024;

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
    void tenThousandHostsKeepLessThanTheirShareOfTwoGigabytesEach() {
        int count = 10_000;
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        List<VirtualHost> fleet = new ArrayList<>(count);
        long documents = 0;
        int withoutProcesses = 0;
        for (int i = 0; i < count; i++) {
            VirtualHost host = VirtualHost.create(1234L, i, Fleets.T0);
            int processes = Fleets.collect(host, "process").size();
            documents += processes;
            withoutProcesses += processes == 0 ? 1 : 0;
            fleet.add(host);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long retained = usedHeapAfterGc() - before;
        // The fleet must still be reachable when the heap is measured, or the figure is of nothing.
        Reference.reachabilityFence(fleet);
        long perHost = retained / count;
        System.out.printf(
                Locale.ROOT,
                "%d hosts: %d MiB retained, %d bytes per host; created and collected %d processes in %d s%n",
                count,
                retained >> 20,
                perHost,
                documents,
                seconds);
        assertThat(perHost)
                .as(
                        "bytes each host keeps (documents are built on demand, never kept); a 10,000-host fleet's share"
                                + " of 2 GiB is %d",
                        TWO_GIB / count)
                .isBetween(MIN_BYTES_PER_HOST, TWO_GIB / count);
        assertThat(withoutProcesses).as("hosts that reported no process").isZero();
        assertThat(documents / count).as("processes per host").isBetween(20L, 1_000L);
    }

    @Test
    void everyTypeComesFromTheHostsWhoseOsHasIt() {
        int count = 1_000;
        long start = System.nanoTime();
        List<VirtualHost> fleet = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fleet.add(VirtualHost.create(4321L, i, Fleets.T0));
        }
        long created = System.nanoTime();
        // type -> documents from Windows hosts, from Linux hosts
        Map<String, long[]> byOs = new TreeMap<>();
        long documents = 0;
        for (VirtualHost host : fleet) {
            int os = host.osFamily().equals("windows") ? 0 : 1;
            for (String type : Fleets.types(host)) {
                int n = Fleets.collect(host, type).size();
                byOs.computeIfAbsent(type, t -> new long[2])[os] += n;
                documents += n;
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
        assertThat(fleet).extracting(VirtualHost::osFamily).contains("windows", "linux");
        byOs.forEach((type, counts) -> {
            assertThat(counts[0]).as("%s documents from Windows hosts", type).isPositive();
            if (FleetDocumentsTest.WINDOWS_ONLY.contains(type)) {
                assertThat(counts[1]).as("%s documents from Linux hosts", type).isZero();
            } else if (Fleets.type(type).domainScoped()) {
                // The directory's collectors are on two Windows file servers; Linux hosts have none.
                assertThat(counts[1]).as("%s documents from Linux hosts", type).isZero();
            } else {
                assertThat(counts[1]).as("%s documents from Linux hosts", type).isPositive();
            }
        });
    }
}
