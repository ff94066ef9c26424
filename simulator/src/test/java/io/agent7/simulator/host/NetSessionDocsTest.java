package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Windows server's SMB sessions are what the net_session collector's mapping makes of
 * NetSessionEnum's records: the fleet's workstations on the file servers, with their users, while
 * those are logged on.
 */
class NetSessionDocsTest {

    static final long SEED = 41L;
    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(SEED, 250);
    }

    @Test
    void sessionsConformAndOnlyServersHaveThem() {
        int sessions = 0;
        for (VirtualHost host : windows) {
            List<ObjectNode> docs = Fleets.collect(host, "net_session");
            if (host.role().equals("WORKSTATION")) {
                assertThat(docs).as(host.hostName()).isEmpty();
                continue;
            }
            if (!docs.isEmpty()) {
                Fields.assertConforms("net_session", docs);
            }
            sessions += docs.size();
            assertThat(docs).allSatisfy(doc -> {
                assertThat(Fields.text(doc, "network.protocol")).isEqualTo("smb");
                assertThat(Fields.number(doc, "destination.port")).isEqualTo(445L);
                assertThat(Fields.number(doc, "net_session.idle_time"))
                        .isLessThanOrEqualTo(Fields.number(doc, "net_session.active_time"));
            });
        }
        assertThat(sessions).isPositive();
    }

    /** On a weekday morning most file servers have sessions, from workstations as their logged-on users. */
    @Test
    void fileServersServeTheFleetsWorkstationsAsTheirUsers() {
        Map<String, VirtualHost> byIp = new HashMap<>();
        windows.forEach(h -> byIp.put(h.ips().get(0), h));
        int servers = 0;
        int busy = 0;
        int matched = 0;
        for (VirtualHost host : windows) {
            if (!host.role().equals("FILE_SERVER")) {
                continue;
            }
            servers++;
            List<ObjectNode> docs = Fleets.collect(host, "net_session");
            busy += docs.isEmpty() ? 0 : 1;
            for (ObjectNode doc : docs) {
                VirtualHost client = byIp.get(Fields.text(doc, "source.ip"));
                if (client == null || !client.role().equals("WORKSTATION")) {
                    continue;
                }
                List<String> users = Fields.column(Fleets.collect(client, "logged_on_user"), "user.name");
                if (!users.isEmpty()) {
                    assertThat(users)
                            .as("%s from %s", host.hostName(), client.hostName())
                            .contains(Fields.text(doc, "user.name"));
                    matched++;
                }
            }
        }
        assertThat(servers).isPositive();
        assertThat(busy).as("file servers with sessions").isGreaterThanOrEqualTo(servers * 3 / 4);
        assertThat(matched)
                .as("sessions from workstations whose user is logged on")
                .isGreaterThan(servers * 3);
    }

    /** A server's enumeration is all level 502 or all level 10; a level-10 session has no 502-only fields. */
    @Test
    void levelTenSessionsLackTheLevel502Fields() {
        int level10 = 0;
        int level502 = 0;
        for (VirtualHost host : windows) {
            List<ObjectNode> docs = Fleets.collect(host, "net_session");
            long full = docs.stream()
                    .filter(d -> Fields.has(d, "net_session.open_files"))
                    .count();
            assertThat(full).as(host.hostName()).isIn(0L, (long) docs.size());
            for (ObjectNode doc : docs) {
                boolean is502 = Fields.has(doc, "net_session.open_files");
                assertThat(Fields.has(doc, "net_session.guest")).isEqualTo(is502);
                level502 += is502 ? 1 : 0;
                level10 += is502 ? 0 : 1;
            }
        }
        assertThat(level502).isPositive();
        assertThat(level10).isPositive();
    }

    /** Over a working day, multifunction printers scan to the file servers as guest. */
    @Test
    void scannersConnectAsGuest() {
        List<VirtualHost> servers = Fleets.windows(SEED, 250).stream()
                .filter(h -> h.role().equals("FILE_SERVER"))
                .toList();
        int guests = 0;
        var now = Fleets.T0;
        for (int step = 0; step < 8; step++) {
            now = now.plus(Duration.ofHours(1));
            for (VirtualHost host : servers) {
                host.advance(Duration.ofHours(1), now);
                for (ObjectNode doc : Fleets.collect(host, "net_session")) {
                    if (Boolean.TRUE.equals(Fields.bool(doc, "net_session.guest"))) {
                        guests++;
                        assertThat(Fields.text(doc, "user.name")).isEqualTo("Guest");
                        assertThat(Fields.text(doc, "source.ip")).startsWith("10.50.");
                    }
                }
            }
        }
        assertThat(guests).as("scanners' guest sessions").isPositive();
    }

    /** Ten minutes later a session that lasted is ten minutes older, and idle grew with it or restarted. */
    @Test
    void activeAndIdleTimesMoveWithTheClock() {
        List<VirtualHost> fleet = Fleets.windows(SEED, 250).stream()
                .filter(h -> h.role().equals("FILE_SERVER"))
                .toList();
        int lasted = 0;
        for (VirtualHost host : fleet) {
            Map<String, ObjectNode> before = new HashMap<>();
            for (ObjectNode doc : Fleets.collect(host, "net_session")) {
                before.put(Fleets.id(host, "net_session", doc), doc);
            }
            host.advance(Duration.ofMinutes(10), Fleets.T0.plus(Duration.ofMinutes(10)));
            for (ObjectNode doc : Fleets.collect(host, "net_session")) {
                ObjectNode earlier = before.get(Fleets.id(host, "net_session", doc));
                if (earlier == null) {
                    continue;
                }
                long active = Fields.number(doc, "net_session.active_time");
                long wasActive = Fields.number(earlier, "net_session.active_time");
                if (active < wasActive) {
                    continue; // a new session from the same client and user
                }
                lasted++;
                assertThat(active - wasActive).isEqualTo(600L);
                long idle = Fields.number(doc, "net_session.idle_time");
                long wasIdle = Fields.number(earlier, "net_session.idle_time");
                assertThat(idle == wasIdle + 600 || idle < 600)
                        .as("%s -> %s", earlier, doc)
                        .isTrue();
            }
        }
        assertThat(lasted).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameSessions() {
        List<VirtualHost> again = Fleets.windows(SEED, 250);
        for (int i = 0; i < windows.size(); i++) {
            assertThat(Fleets.collect(again.get(i), "net_session"))
                    .isEqualTo(Fleets.collect(windows.get(i), "net_session"));
        }
    }
}
