package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    static final int HOSTS = 60;
    static final List<Duration> STEPS = List.of(
            Duration.ofMinutes(5),
            Duration.ofHours(3),
            Duration.ofMinutes(1),
            Duration.ofDays(2),
            Duration.ofMinutes(5));

    /** Every document of every type, in collection order, as text. */
    static List<String> everything(List<VirtualHost> fleet) {
        List<String> out = new ArrayList<>();
        for (VirtualHost host : fleet) {
            out.add(host.machineId() + " " + host.hostName() + " " + host.facts() + " " + host.ips() + " "
                    + host.plantedFindings());
            for (String type : Fleets.types(host)) {
                Fleets.collect(host, type).forEach(doc -> out.add(type + " " + doc));
            }
        }
        return out;
    }

    static Instant advance(List<VirtualHost> fleet, Instant from, Duration step) {
        Instant to = from.plus(step);
        fleet.forEach(h -> h.advance(step, to));
        return to;
    }

    @Test
    void theSameSeedGivesTheSameFleetAndTheSameEvolution() {
        List<VirtualHost> a = Fleets.create(7L, HOSTS, Fleets.T0);
        List<VirtualHost> b = Fleets.create(7L, HOSTS, Fleets.T0);
        assertThat(everything(a)).isEqualTo(everything(b));
        Instant now = Fleets.T0;
        for (Duration step : STEPS) {
            advance(a, now, step);
            now = advance(b, now, step);
            assertThat(everything(a)).as("after %s", step).isEqualTo(everything(b));
        }
    }

    @Test
    void collectingDoesNotChangeWhatHappensNext() {
        List<VirtualHost> collected = Fleets.create(11L, HOSTS, Fleets.T0);
        List<VirtualHost> untouched = Fleets.create(11L, HOSTS, Fleets.T0);
        Instant now = Fleets.T0;
        for (Duration step : STEPS) {
            everything(collected);
            advance(collected, now, step);
            now = advance(untouched, now, step);
        }
        assertThat(everything(collected)).isEqualTo(everything(untouched));
    }

    @Test
    void differentSeedsGiveDifferentFleets() {
        List<VirtualHost> a = Fleets.create(7L, HOSTS, Fleets.T0);
        List<VirtualHost> b = Fleets.create(8L, HOSTS, Fleets.T0);
        assertThat(a.get(0).machineId()).isNotEqualTo(b.get(0).machineId());
        long sameRoles = 0;
        for (int i = 0; i < HOSTS; i++) {
            if (a.get(i).hostName().equals(b.get(i).hostName())) {
                sameRoles++;
            }
        }
        assertThat(sameRoles)
                .as("hosts whose role (and so name) is the same under both seeds")
                .isLessThan(HOSTS);
        assertThat(everything(a)).isNotEqualTo(everything(b));
        assertThat(Fleets.collect(a.get(3), "process").toString())
                .isNotEqualTo(Fleets.collect(b.get(3), "process").toString());
    }
}
