package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class FleetDocumentsTest {

    static final int HOSTS = 200;
    static List<VirtualHost> fleet;

    /** How each planted finding shows in the documents, checked independently of how it was planted. */
    static final Map<String, Sign> SIGNS = Map.of(
            "task_in_users_public",
                    new Sign(
                            "scheduled_task",
                            doc -> startsWith(doc, "process.executable", "C:\\Users\\Public\\")
                                    && localAdministrator(doc)
                                    && "true".equals(Fleets.text(doc, "scheduled_task.hidden"))),
            "service_in_temp", new Sign("service", doc -> contains(doc, "process.executable", "\\Temp\\")),
            "run_key_in_appdata_roaming",
                    new Sign(
                            "startup_item",
                            doc -> startsWith(doc, "startup_item.location", "HKCU\\")
                                    && contains(doc, "process.executable", "\\AppData\\Roaming\\")),
            "stale_privileged_user", new Sign("local_user", FleetDocumentsTest::staleAndPrivileged),
            "cron_reboot_in_tmp",
                    new Sign(
                            "startup_item",
                            doc -> "cron_reboot".equals(Fleets.text(doc, "startup_item.source"))
                                    && (contains(doc, "process.command_line", "/tmp/")
                                            || contains(doc, "process.command_line", "/dev/shm/"))),
            "systemd_unit_in_tmp",
                    new Sign(
                            "service",
                            doc -> startsWith(doc, "process.executable", "/tmp/")
                                    || startsWith(doc, "process.executable", "/dev/shm/")),
            "uid_zero_account",
                    new Sign(
                            "local_user",
                            doc -> "0".equals(Fleets.text(doc, "user.id"))
                                    && !"root".equals(Fleets.text(doc, "user.name"))));

    record Sign(String type, Predicate<ObjectNode> shows) {}

    /** The types only the simulated Windows hosts have. */
    static final List<String> WINDOWS_ONLY = List.of("registry_value", "pipe", "printer", "net_session");

    static final List<String> DIRECTORY =
            List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo", "sysvol_file");

    @BeforeAll
    static void createFleet() {
        fleet = Fleets.create(20260304L, HOSTS, Fleets.T0);
        for (VirtualHost host : fleet) {
            host.advance(Duration.ofMinutes(5), Fleets.T0.plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void everyDocumentOfEveryTypeValidatesAndHasAUniqueIdPerHostAndType() {
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (VirtualHost host : fleet) {
            for (String type : Fleets.types(host)) {
                var normalizer = Schema.standard().normalizer(Fleets.type(type));
                Set<String> ids = new HashSet<>();
                for (ObjectNode doc : Fleets.collect(host, type)) {
                    documents++;
                    try {
                        normalizer.normalize(doc);
                    } catch (InvalidDocumentException e) {
                        problems.add(host.hostName() + " " + type + ": " + e.getMessage() + " in " + doc);
                        continue;
                    }
                    if (!ids.add(Fleets.id(host, type, doc))) {
                        problems.add(host.hostName() + " " + type + ": duplicate id for " + doc);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(documents).as("documents from %d hosts", HOSTS).isGreaterThan(HOSTS * 200);
    }

    @Test
    void everyHostHasACollectorForEachTypeItsOsHasAndEachFindsItems() {
        List<String> everyOs = List.of(
                "process",
                "service",
                "scheduled_task",
                "startup_item",
                "software",
                "update",
                "logged_on_user",
                "network_connection",
                "local_user",
                "local_group",
                "share",
                "system_metric",
                "disk");
        for (VirtualHost host : fleet) {
            List<String> types = Fleets.types(host);
            List<String> expected = host.osFamily().equals("windows") ? concat(everyOs, WINDOWS_ONLY) : everyOs;
            if (host.collectsDirectory()) {
                expected = new ArrayList<>(expected);
                expected.addAll(DIRECTORY);
            }
            assertThat(types)
                    .as("%s (Linux has no registry, pipes, printers or SMB sessions)", host.hostName())
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (String type : types) {
                // Nobody may be logged on, a host need not share anything, and only servers have SMB clients.
                if (!type.equals("logged_on_user") && !type.equals("share") && !type.equals("net_session")) {
                    assertThat(Fleets.collect(host, type))
                            .as("%s %s", host.hostName(), type)
                            .isNotEmpty();
                }
            }
        }
    }

    @Test
    void twoHostsCollectTheDirectory() {
        assertThat(fleet).filteredOn(VirtualHost::collectsDirectory).hasSize(2);
    }

    private static List<String> concat(List<String> list, List<String> more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(more);
        return all;
    }

    @Test
    void aboutSeventyPercentOfHostsRunWindows() {
        long windows =
                fleet.stream().filter(h -> h.osFamily().equals("windows")).count();
        assertThat(windows).isBetween((long) (HOSTS * 0.6), (long) (HOSTS * 0.8));
        assertThat(fleet).allSatisfy(h -> assertThat(h.osFamily()).isIn("windows", "linux"));
        assertThat(fleet.stream().filter(h -> h.hostName().startsWith("WS-"))).isNotEmpty();
        assertThat(fleet.stream().filter(h -> h.hostName().startsWith("SRV-"))).isNotEmpty();
    }

    @Test
    void namesAndMachineIdsAreUniqueAndFactsMatchTheHost() {
        assertThat(fleet.stream().map(VirtualHost::machineId).distinct().count())
                .isEqualTo(HOSTS);
        assertThat(fleet.stream().map(VirtualHost::hostName).distinct().count()).isEqualTo(HOSTS);
        for (VirtualHost host : fleet) {
            var facts = host.facts();
            assertThat(facts.machineId()).isEqualTo(host.machineId());
            assertThat(facts.hostName()).isEqualTo(host.hostName());
            assertThat(facts.osFamily()).isEqualTo(host.osFamily());
            assertThat(facts.osName()).isNotBlank();
            assertThat(facts.kernel()).isNotBlank();
            assertThat(host.ips())
                    .isNotEmpty()
                    .allSatisfy(ip -> assertThat(Values.canonicalIp(ip)).isNotNull());
        }
    }

    @Test
    void plantedFindingsAreRareAndEachAppearsInTheDocuments() {
        List<VirtualHost> planted =
                fleet.stream().filter(h -> !h.plantedFindings().isEmpty()).toList();
        assertThat(planted.size()).isBetween(HOSTS / 100, HOSTS * 4 / 100);
        for (VirtualHost host : planted) {
            for (String finding : host.plantedFindings()) {
                Sign sign = SIGNS.get(finding);
                assertThat(sign).as("a known finding: %s", finding).isNotNull();
                assertThat(Fleets.collect(host, sign.type()))
                        .as("%s on %s", finding, host.hostName())
                        .anyMatch(sign.shows());
            }
        }
    }

    @Test
    void hostsWithoutPlantedFindingsShowNoneOfTheirSigns() {
        for (VirtualHost host : fleet) {
            for (Map.Entry<String, Sign> e : SIGNS.entrySet()) {
                if (host.plantedFindings().contains(e.getKey())) {
                    continue;
                }
                assertThat(Fleets.collect(host, e.getValue().type()))
                        .as("%s on %s", e.getKey(), host.hostName())
                        .noneMatch(e.getValue().shows());
            }
        }
    }

    private static boolean staleAndPrivileged(ObjectNode doc) {
        String lastLogon = Fleets.text(doc, "user.last_logon");
        if (lastLogon == null
                || !"true".equals(Fleets.text(doc, "user.privileged"))
                || !"true".equals(Fleets.text(doc, "user.enabled"))) {
            return false;
        }
        long days = Duration.between(Instant.parse(lastLogon), Fleets.T0).toDays();
        return days >= 80 && days <= 200;
    }

    /**
     * Runs as one of the host's own administrators: the LAPS one (RID 1001) or a planted one (RID
     * 1002). The task itself cannot say whether a user is an administrator (that is group
     * membership, which local_group has), so the RIDs and the highest run level are the sign.
     */
    private static boolean localAdministrator(ObjectNode doc) {
        String id = Fleets.text(doc, "user.id");
        return id != null
                && (id.endsWith("-1001") || id.endsWith("-1002"))
                && "user".equals(Fleets.text(doc, "scheduled_task.account_type"))
                && "highest".equals(Fleets.text(doc, "scheduled_task.run_level"));
    }

    private static boolean startsWith(ObjectNode doc, String field, String prefix) {
        String value = Fleets.text(doc, field);
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    private static boolean contains(ObjectNode doc, String field, String part) {
        String value = Fleets.text(doc, field);
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
