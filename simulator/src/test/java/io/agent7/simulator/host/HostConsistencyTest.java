package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class HostConsistencyTest {

    /** Mid-afternoon in Amsterdam and London, morning in New York: most workstation users are at work. */
    static final Instant AFTERNOON = Instant.parse("2026-03-04T14:00:00Z");

    static List<VirtualHost> fleet;

    @BeforeAll
    static void createFleet() {
        fleet = Fleets.create(99L, 150, AFTERNOON);
    }

    static Map<Long, ObjectNode> processesByPid(VirtualHost host) {
        Map<Long, ObjectNode> byPid = new HashMap<>();
        for (ObjectNode p : Fleets.collect(host, "process")) {
            byPid.put(p.path("process").path("pid").asLong(), p);
        }
        return byPid;
    }

    @Test
    void connectionsBelongToRunningProcesses() {
        for (VirtualHost host : fleet) {
            Map<Long, ObjectNode> processes = processesByPid(host);
            for (ObjectNode c : Fleets.collect(host, "network_connection")) {
                long pid = c.path("process").path("pid").asLong();
                assertThat(processes).as("%s connection %s", host.hostName(), c).containsKey(pid);
                assertThat(c.path("process").path("name").asString())
                        .isEqualTo(
                                processes.get(pid).path("process").path("name").asString());
            }
        }
    }

    @Test
    void serversListenOnTheirRolePortsAndWorkstationsTalkToTheInternet() {
        for (VirtualHost host : fleet) {
            Set<Long> listening = new HashSet<>();
            long outbound = 0;
            for (ObjectNode c : Fleets.collect(host, "network_connection")) {
                String direction = c.path("network").path("direction").asString();
                if (direction.equals("listening")) {
                    listening.add(c.path("source").path("port").asLong());
                } else if (direction.equals("outbound")) {
                    outbound++;
                }
            }
            String role = host.role();
            if (host.osFamily().equals("windows")) {
                assertThat(listening).as(host.hostName()).contains(135L, 445L);
            } else {
                assertThat(listening).as(host.hostName()).contains(22L);
            }
            switch (role) {
                case "SQL_SERVER" -> assertThat(listening).contains(1433L);
                case "IIS_SERVER" -> assertThat(listening).contains(80L, 443L);
                case "WEB" -> assertThat(listening).contains(80L, 443L);
                case "DB" -> assertThat(listening).contains(5432L);
                case "APP" -> assertThat(listening).contains(8080L);
                default ->
                    assertThat(outbound)
                            .as("%s outbound connections", host.hostName())
                            .isPositive();
            }
        }
    }

    @Test
    void runningServicesPointAtTheirProcesses() {
        for (VirtualHost host : fleet) {
            Map<Long, ObjectNode> processes = processesByPid(host);
            for (ObjectNode s : Fleets.collect(host, "service")) {
                var pid = s.path("service").path("pid");
                String state = s.path("service").path("state").asString();
                if (!pid.isMissingNode()) {
                    assertThat(state).isIn("running", "active");
                    assertThat(processes)
                            .as("%s service %s", host.hostName(), s)
                            .containsKey(pid.asLong());
                    String executable =
                            s.path("process").path("executable").asString().toLowerCase(Locale.ROOT);
                    String running = processes
                            .get(pid.asLong())
                            .path("process")
                            .path("executable")
                            .asString()
                            .toLowerCase(Locale.ROOT);
                    if (!executable.endsWith(".sys") && host.osFamily().equals("windows")) {
                        assertThat(running)
                                .as(
                                        "%s image of %s",
                                        host.hostName(), s.path("service").path("name"))
                                .isEqualTo(executable);
                    }
                }
            }
        }
    }

    @Test
    void windowsHostsRunFifteenToFortySvchostsAndAnExplorerPerLoggedOnUser() {
        int sessions = 0;
        for (VirtualHost host : fleet) {
            if (!host.osFamily().equals("windows")) {
                continue;
            }
            List<ObjectNode> processes = Fleets.collect(host, "process");
            long svchosts = processes.stream()
                    .filter(p -> p.path("process").path("name").asString().equals("svchost.exe"))
                    .count();
            assertThat(svchosts).as(host.hostName()).isBetween(15L, 40L);
            for (ObjectNode user : Fleets.collect(host, "logged_on_user")) {
                sessions++;
                String account = user.path("user").path("domain").asString() + "\\"
                        + user.path("user").path("name").asString();
                assertThat(processes)
                        .as("explorer.exe of %s on %s", account, host.hostName())
                        .anyMatch(p -> p.path("process").path("name").asString().equals("explorer.exe")
                                && p.path("process")
                                        .path("user")
                                        .path("name")
                                        .asString()
                                        .equals(account));
            }
        }
        assertThat(sessions).as("logged-on users across the fleet").isGreaterThan(20);
    }

    @Test
    void processesStartAfterBootAndNotBeforeTheirParents() {
        for (VirtualHost host : fleet) {
            ObjectNode metric = Fleets.collect(host, "system_metric").get(0);
            Instant sampled = Instant.parse(
                    metric.path("system_metric").path("sampled_at").asString());
            Instant boot =
                    sampled.minusSeconds(metric.path("host").path("uptime").asLong() + 1);
            Map<Long, ObjectNode> byPid = processesByPid(host);
            assertThat(metric.path("system_metric").path("process_count").asLong())
                    .isEqualTo(byPid.size());
            for (ObjectNode p : byPid.values()) {
                Instant start = Instant.parse(p.path("process").path("start").asString());
                assertThat(start)
                        .as("%s %s", host.hostName(), p)
                        .isAfterOrEqualTo(boot)
                        .isBeforeOrEqualTo(sampled);
                ObjectNode parent =
                        byPid.get(p.path("process").path("parent").path("pid").asLong());
                if (parent != null && p.path("process").path("parent").has("name")) {
                    assertThat(Instant.parse(
                                    parent.path("process").path("start").asString()))
                            .isBeforeOrEqualTo(start);
                }
            }
        }
    }

    @Test
    void theSameBinaryAtTheSameVersionHasTheSameHashOnEveryHost() {
        Map<String, Set<String>> hashesByBuildAndImage = new HashMap<>();
        Set<String> svchostHashes = new HashSet<>();
        for (VirtualHost host : fleet) {
            for (ObjectNode p : Fleets.collect(host, "process")) {
                String executable = p.path("process").path("executable").asString("");
                if (executable.startsWith("C:\\Windows\\") || executable.startsWith("/usr/sbin/sshd")) {
                    String hash = p.path("process").path("hash").path("sha256").asString();
                    assertThat(hash).matches("[0-9a-f]{64}");
                    String image = host.facts().kernel() + " " + executable;
                    hashesByBuildAndImage
                            .computeIfAbsent(image, k -> new HashSet<>())
                            .add(hash);
                    if (executable.endsWith("svchost.exe")) {
                        svchostHashes.add(hash);
                    }
                }
            }
        }
        assertThat(hashesByBuildAndImage)
                .allSatisfy((image, hashes) -> assertThat(hashes).as(image).hasSize(1));
        assertThat(svchostHashes)
                .as("svchost.exe differs between Windows builds")
                .hasSizeGreaterThan(1);
    }

    @Test
    void linuxHostsHaveRootAsUidZeroAndAdminsInSudo() {
        for (VirtualHost host : fleet) {
            if (!host.osFamily().equals("linux")) {
                continue;
            }
            List<ObjectNode> users = Fleets.collect(host, "local_user");
            assertThat(users)
                    .anyMatch(u -> u.path("user").path("name").asString().equals("root")
                            && u.path("user").path("id").asString().equals("0")
                            && u.path("user").path("privileged").asBoolean());
            assertThat(users)
                    .anyMatch(u -> u.path("local_user").path("type").asString().equals("normal")
                            && u.path("user")
                                    .path("group")
                                    .path("name")
                                    .toString()
                                    .contains("\"sudo\""));
            assertThat(Fleets.collect(host, "local_group"))
                    .anyMatch(g -> g.path("group").path("name").asString().equals("sudo")
                            && g.path("local_group").path("member_count").asLong() > 0);
            assertThat(Fleets.collect(host, "software"))
                    .allMatch(s -> s.path("package").path("type").asString().equals("deb"));
        }
    }

    @Test
    void windowsHostsHaveTheBuiltInAccountsAndAHotfixPerRecentPatchDay() {
        for (VirtualHost host : fleet) {
            if (!host.osFamily().equals("windows")) {
                continue;
            }
            List<ObjectNode> users = Fleets.collect(host, "local_user");
            assertThat(users)
                    .anyMatch(u -> u.path("user").path("name").asString().equals("Guest")
                            && !u.path("user").path("enabled").asBoolean());
            assertThat(users)
                    .anyMatch(u -> u.path("user").path("name").asString().equals("Administrator")
                            && u.path("user").path("id").asString().endsWith("-500"));
            assertThat(Fleets.collect(host, "local_group"))
                    .anyMatch(g -> g.path("group").path("name").asString().equals("Administrators")
                            && g.path("local_group").path("members").toString().contains("Domain Admins"));
            assertThat(Fleets.collect(host, "update"))
                    .anyMatch(u -> u.path("update").path("id").asString().matches("KB5\\d{6}")
                            && u.path("update").path("title").asString().contains("Cumulative Update"));
        }
    }
}
