package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.FieldsByOsTest;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collectors on this machine's own root agree with the tools an administrator would
 * ask: getent, dpkg-query, ss, findmnt and systemctl.
 */
@Tag(FieldsByOsTest.LIVE_HOST)
class HostTruthTest {

    private static final Path HOST = Path.of("/");
    private static final Set<String> SYSTEMD_UP =
            Set.of("running", "degraded", "starting", "initializing", "maintenance", "stopping");

    @Test
    void accountsAreThoseGetentLists() {
        Set<String> expected = new TreeSet<>();
        for (String line : Tool.ok("getent", "passwd").lines()) {
            String[] f = line.split(":");
            expected.add(f[0] + ":" + f[2]);
        }
        Set<String> collected = new TreeSet<>();
        for (ObjectNode doc : new LocalUserCollector(Schema.standard(), HOST).collect()) {
            collected.add(text(doc, "user.name") + ":" + text(doc, "user.id"));
        }
        assertThat(collected).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void groupsAreThoseGetentListsWithTheirListedMembers() {
        Map<String, List<String>> expected = new HashMap<>();
        for (String line : Tool.ok("getent", "group").lines()) {
            String[] f = line.split(":", -1);
            expected.put(f[0] + ":" + f[2], f[3].isEmpty() ? List.of() : List.of(f[3].split(",")));
        }
        Map<String, List<String>> collected = new HashMap<>();
        for (ObjectNode doc : new LocalGroupCollector(Schema.standard(), HOST).collect()) {
            collected.put(
                    text(doc, "group.name") + ":" + text(doc, "group.id"), Fields.texts(doc, "local_group.members"));
        }
        assertThat(collected.keySet()).isNotEmpty().isEqualTo(expected.keySet());
        expected.forEach(
                (group, members) -> assertThat(collected.get(group)).as(group).containsAll(members));
    }

    @Test
    void everyInstalledPackageOfDpkgIsSoftwareWithItsVersion() {
        Set<String> installed = new HashSet<>();
        Set<String> anyInstalledState = new HashSet<>();
        for (String line : Tool.ok("dpkg-query", "-W", "-f", "${Package} ${Version} ${db:Status-Abbrev}\n")
                .lines()) {
            String[] f = line.split(" ");
            if (f.length >= 3 && f[2].equals("ii")) {
                installed.add(f[0] + " " + f[1]);
            }
            if (f.length >= 3 && f[2].length() >= 2 && f[2].charAt(1) == 'i') {
                anyInstalledState.add(f[0] + " " + f[1]);
            }
        }
        Set<String> collected = new HashSet<>();
        for (ObjectNode doc : new SoftwareCollector(Schema.standard(), HOST).collect()) {
            collected.add(text(doc, "package.name") + " " + text(doc, "package.version"));
        }
        assertThat(installed).isNotEmpty();
        assertThat(collected).containsAll(installed);
        assertThat(anyInstalledState)
                .as("also held or to-be-removed packages, which are still installed")
                .containsAll(collected);
    }

    /**
     * Services come and go while the test runs (another build may start servers on this
     * machine), so the comparison brackets the collection with two ss readings: every port
     * listening in both readings must be found, and every port found must be in one of them.
     */
    @Test
    void listeningTcpPortsAreThoseSsLists() {
        Set<Long> before = ssListeningPorts();
        Set<Long> collected = new TreeSet<>();
        for (ObjectNode doc : new NetworkConnectionCollector(Schema.standard(), HOST).collect()) {
            if ("tcp".equals(text(doc, "network.transport")) && "listening".equals(text(doc, "network.direction"))) {
                collected.add(number(doc, "source.port"));
            }
        }
        Set<Long> after = ssListeningPorts();
        Set<Long> stable = new TreeSet<>(before);
        stable.retainAll(after);
        Set<Long> seen = new TreeSet<>(before);
        seen.addAll(after);
        assertThat(stable).isNotEmpty();
        assertThat(collected).containsAll(stable);
        assertThat(seen).containsAll(collected);
    }

    private static Set<Long> ssListeningPorts() {
        Set<Long> ports = new TreeSet<>();
        for (String line : Tool.ok("ss", "-H", "-ltn").lines()) {
            String local = line.trim().split("\\s+")[3];
            ports.add(Long.parseLong(local.substring(local.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    @Test
    void theJobsOfTheHostsSystemCronTablesAreFound() throws Exception {
        List<String> expected = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        if (Files.isRegularFile(Path.of("/etc/crontab"))) {
            tables.add(Path.of("/etc/crontab"));
        }
        try (var files = Files.list(Path.of("/etc/cron.d"))) {
            files.filter(Files::isRegularFile)
                    .filter(f -> CronTables.runsAsTable(f.getFileName().toString()))
                    .forEach(tables::add);
        }
        for (Path table : tables) {
            List<String> lines = Files.readAllLines(table);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.isEmpty() && (Character.isDigit(line.charAt(0)) || line.charAt(0) == '*')) {
                    expected.add(table + ":" + (i + 1));
                } else if (line.startsWith("@") && !line.startsWith("@reboot")) {
                    expected.add(table + ":" + (i + 1));
                }
            }
        }
        assertThat(expected).as("this machine has system cron jobs to compare").isNotEmpty();
        assertThat(Fields.column(new ScheduledTaskCollector(Schema.standard(), HOST).collect(), "scheduled_task.path"))
                .containsAll(expected);
    }

    @Test
    void aCronFilePlantedInAFixtureRootIsFound(@TempDir Path temp) throws Exception {
        Path cronD = temp.resolve("etc/cron.d");
        Files.createDirectories(cronD);
        Files.writeString(cronD.resolve("planted"), "# planted\n*/2 * * * * root /bin/sh -c 'id > /tmp/x'\n");
        Files.writeString(temp.resolve("etc/crontab"), "SHELL=/bin/sh\n5 4 * * * root /usr/bin/true\n");
        assertThat(Fields.column(new ScheduledTaskCollector(Schema.standard(), temp).collect(), "scheduled_task.path"))
                .containsExactlyInAnyOrder("/etc/cron.d/planted:2", "/etc/crontab:2");
    }

    @Test
    void mountsOfDataFileSystemsAreThoseFindmntLists() {
        Set<String> expected = new TreeSet<>();
        for (String line : Tool.ok("findmnt", "-rn", "-o", "TARGET,FSTYPE").lines()) {
            String[] f = line.split(" ");
            String target = DiskCollector.udevUnescape(f[0]);
            if (DiskCollector.counts(new Mounts.Mount("", target, f[1], List.of()))) {
                expected.add(target);
            }
        }
        List<ObjectNode> disks = new DiskCollector(Schema.standard(), HOST).collect();
        assertThat(new TreeSet<>(Fields.column(disks, "disk.mount_point")))
                .isNotEmpty()
                .isEqualTo(expected);
        ObjectNode slash = Fields.only(disks, "disk.mount_point", "/");
        assertThat(number(slash, "volume.size")).isPositive();
        assertThat(number(slash, "disk.used") + number(slash, "disk.free"))
                .isLessThanOrEqualTo(number(slash, "volume.size"));
    }

    /**
     * Unit files are read with or without systemd; systemctl list-unit-files reads the same
     * files and says how each unit is enabled. Where systemd runs, systemctl show's states
     * must appear too; where it does not (a container), no state may be invented.
     */
    @Test
    void servicesAreTheUnitFilesSystemctlListsAndStatesComeOnlyFromARunningSystemd() {
        Map<String, String> startTypes = new HashMap<>();
        for (String line : Tool.ok("systemctl", "list-unit-files", "--type=service", "--no-legend", "--no-pager")
                .lines()) {
            String[] f = line.trim().split("\\s+");
            if (!f[0].contains("@.")
                    && Set.of("enabled", "disabled", "static", "masked").contains(f[1])) {
                startTypes.put(f[0], f[1]);
            }
        }
        List<ObjectNode> services = new ServiceCollector(Schema.standard(), HOST).collect();
        Map<String, String> collected = new HashMap<>();
        for (ObjectNode doc : services) {
            collected.put(text(doc, "service.name"), text(doc, "service.start_type"));
        }
        assertThat(startTypes).isNotEmpty();
        startTypes.forEach(
                (unit, startType) -> assertThat(collected.get(unit)).as(unit).isEqualTo(startType));
        String systemState = Tool.run("systemctl", "is-system-running").output().trim();
        if (SYSTEMD_UP.contains(systemState)) {
            Set<String> active = new HashSet<>();
            for (String line : Tool.ok(
                            "systemctl",
                            "list-units",
                            "--type=service",
                            "--state=active",
                            "--no-legend",
                            "--no-pager",
                            "--plain")
                    .lines()) {
                active.add(line.trim().split("\\s+")[0]);
            }
            List<String> reportedActive = services.stream()
                    .filter(d -> "active".equals(text(d, "service.state")))
                    .map(d -> text(d, "service.name"))
                    .toList();
            long agreeing = reportedActive.stream().filter(active::contains).count();
            assertThat(reportedActive).isNotEmpty();
            assertThat(agreeing)
                    .as("services may start or stop between the two calls, but few do")
                    .isGreaterThanOrEqualTo(reportedActive.size() * 9L / 10);
        } else {
            assertThat(systemState).as("systemd is not PID 1 here").isIn("offline", "unknown", "");
            assertThat(services)
                    .isNotEmpty()
                    .allMatch(d -> has(d, "service.unit_file"))
                    .noneMatch(d -> has(d, "service.state") || has(d, "service.pid"));
        }
    }

    @Test
    void theFirstSampleMeasuresCpuUseAndTheProcessCountIsProcs() {
        ObjectNode sample =
                new SystemMetricCollector(Schema.standard(), HOST).collect().get(0);
        assertThat(Fields.decimal(sample, "system_metric.cpu.pct")).isBetween(0.0, 1.0);
        assertThat(number(sample, "system_metric.cpu.cores"))
                .isEqualTo(Long.parseLong(Tool.ok("nproc", "--all").output().trim()));
        assertThat(number(sample, "system_metric.process_count")).isPositive();
        assertThat(number(sample, "system_metric.memory.total")).isPositive();
    }
}
