package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlowChangeTest {

    @Test
    void fewProcessesAndConnectionsChangeInFiveMinutes() {
        List<VirtualHost> fleet = Fleets.create(3L, 200, Fleets.T0);
        List<String> types = List.of("process", "network_connection");
        Map<String, Double> shareSum = new HashMap<>();
        Map<String, Long> changes = new HashMap<>();
        for (VirtualHost host : fleet) {
            Map<String, Map<String, String>> before = new HashMap<>();
            for (String type : types) {
                before.put(type, Fleets.snapshot(host, type));
            }
            host.advance(Duration.ofMinutes(5), Fleets.T0.plus(Duration.ofMinutes(5)));
            for (String type : types) {
                int changed = Fleets.changes(before.get(type), Fleets.snapshot(host, type));
                changes.merge(type, (long) changed, Long::sum);
                shareSum.merge(
                        type, (double) changed / Math.max(1, before.get(type).size()), Double::sum);
            }
        }
        for (String type : types) {
            double average = shareSum.get(type) / fleet.size();
            System.out.printf(
                    Locale.ROOT,
                    "%s: %.2f%% of items change per host in 5 minutes on average (%d changes in %d hosts)%n",
                    type,
                    100 * average,
                    changes.get(type),
                    fleet.size());
            assertThat(average).as("%s change per host", type).isLessThan(0.10);
            assertThat(changes.get(type)).as("%s changes at all", type).isPositive();
        }
    }

    @Test
    void almostNothingElseChangesInFiveMinutes() {
        List<VirtualHost> fleet = Fleets.create(4L, 100, Fleets.T0);
        List<String> slow = List.of(
                "service",
                "startup_item",
                "software",
                "update",
                "local_user",
                "local_group",
                "share",
                "disk",
                "registry_value");
        long items = 0;
        long changed = 0;
        for (VirtualHost host : fleet) {
            Map<String, Map<String, String>> before = new HashMap<>();
            for (String type : slow) {
                before.put(type, Fleets.snapshot(host, type));
            }
            host.advance(Duration.ofMinutes(5), Fleets.T0.plus(Duration.ofMinutes(5)));
            for (String type : slow) {
                items += before.get(type).size();
                changed += Fleets.changes(before.get(type), Fleets.snapshot(host, type));
            }
        }
        System.out.printf(Locale.ROOT, "other types: %d of %d items changed in 5 minutes%n", changed, items);
        assertThat((double) changed / items).isLessThan(0.005);
    }

    @Test
    void softwareChangesRarelyOverASimulatedWeek() {
        List<VirtualHost> fleet = Fleets.create(5L, 100, Fleets.T0);
        long items = 0;
        long changes = 0;
        long hoursWithChanges = 0;
        Instant now = Fleets.T0;
        Map<VirtualHost, Map<String, String>> last = new HashMap<>();
        for (VirtualHost host : fleet) {
            Map<String, String> software = byName(host);
            last.put(host, software);
            items += software.size();
        }
        for (int hour = 1; hour <= 7 * 24; hour++) {
            now = now.plus(Duration.ofHours(1));
            for (VirtualHost host : fleet) {
                host.advance(Duration.ofHours(1), now);
                Map<String, String> software = byName(host);
                int changed = Fleets.changes(last.get(host), software);
                changes += changed;
                hoursWithChanges += changed > 0 ? 1 : 0;
                last.put(host, software);
            }
        }
        double perHost = (double) changes / fleet.size();
        double share = (double) changes / items;
        System.out.printf(
                Locale.ROOT,
                "software: %.2f changes per host in a simulated week (%.1f%% of items); %d of %d host-hours changed%n",
                perHost,
                100 * share,
                hoursWithChanges,
                fleet.size() * 7 * 24);
        assertThat(share).as("software items changed in a week").isLessThan(0.10);
        assertThat((double) hoursWithChanges / (fleet.size() * 7 * 24))
                .as("host-hours with a software change")
                .isLessThan(0.03);
        assertThat(changes).as("upgrades and installs happen").isPositive();
    }

    /** Software by package name: an upgrade is one changed item, not one removed and one added. */
    static Map<String, String> byName(VirtualHost host) {
        Map<String, String> items = new HashMap<>();
        for (var doc : Fleets.collect(host, "software")) {
            items.put(doc.path("package").path("name").asString(), doc.toString());
        }
        return items;
    }

    @Test
    void metricsMoveSmoothlyAndAreSampledAtTheLastNow() {
        List<VirtualHost> fleet = Fleets.create(6L, 40, Fleets.T0);
        Instant now = Fleets.T0;
        double[] previous = new double[fleet.size()];
        for (int step = 0; step < 24; step++) {
            for (int i = 0; i < fleet.size(); i++) {
                JsonNode sample =
                        Fleets.collect(fleet.get(i), "system_metric").get(0).path("system_metric");
                assertThat(Instant.parse(sample.path("sampled_at").asString())).isEqualTo(now);
                double cpu = sample.path("cpu").path("pct").asDouble();
                assertThat(cpu).isBetween(0.0, 1.0);
                if (step > 0) {
                    assertThat(Math.abs(cpu - previous[i]))
                            .as("CPU change in 5 minutes")
                            .isLessThan(0.12);
                }
                previous[i] = cpu;
            }
            now = now.plus(Duration.ofMinutes(5));
            for (VirtualHost host : fleet) {
                host.advance(Duration.ofMinutes(5), now);
            }
        }
    }
}
