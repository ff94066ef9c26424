package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Windows host's scheduled tasks, registry values and shares are what the Windows
 * collectors' mappings make of the records the system APIs return, in the schema's stored form.
 */
class WindowsConfigDocsTest {

    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(11L, 30);
    }

    private static List<ObjectNode> all(String type) {
        List<ObjectNode> docs = new ArrayList<>();
        for (VirtualHost host : windows) {
            List<ObjectNode> found = Fleets.collect(host, type);
            Fields.assertConforms(type, found);
            docs.addAll(found);
        }
        return docs;
    }

    @Test
    void scheduledTasksConformAndTheirScheduleIsTheTriggersInWords() {
        List<ObjectNode> tasks = all("scheduled_task");
        assertThat(Fields.column(tasks, "scheduled_task.schedule"))
                .contains(
                        "At 01:00 every Sunday",
                        "At 01:00 every Wednesday",
                        "At 00:37 every day, repeating every 1 hour",
                        "At log on of any user; At 10:37 every day",
                        "At system startup",
                        "When the computer is idle");
        ObjectNode defrag =
                Fields.all(tasks, "scheduled_task.name", "ScheduledDefrag").get(0);
        assertThat(Fields.text(defrag, "scheduled_task.folder")).isEqualTo("\\Microsoft\\Windows\\Defrag");
        assertThat(Fields.text(defrag, "process.command_line"))
                .isEqualTo("C:\\Windows\\system32\\defrag.exe -c -h -o -$");
        assertThat(Fields.texts(defrag, "process.args"))
                .containsExactly("C:\\Windows\\system32\\defrag.exe", "-c", "-h", "-o", "-$");
        assertThat(Fields.text(defrag, "user.name")).isEqualTo("SYSTEM");
        assertThat(Fields.text(defrag, "user.domain")).isEqualTo("NT AUTHORITY");
        assertThat(Fields.text(defrag, "scheduled_task.account_type")).isEqualTo("system");
        assertThat(Fields.text(defrag, "process.code_signature.subject_name")).isEqualTo("Microsoft Windows");
    }

    @Test
    void aProgramWithSpacesIsQuotedAsTaskSchedulerRunsIt() {
        List<ObjectNode> edge = all("scheduled_task").stream()
                .filter(doc -> Fields.text(doc, "scheduled_task.name").startsWith("MicrosoftEdgeUpdateTaskMachineUA"))
                .toList();
        assertThat(edge).isNotEmpty();
        for (ObjectNode doc : edge) {
            assertThat(Fields.text(doc, "process.command_line"))
                    .isEqualTo("\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\""
                            + " /ua /installsource scheduler");
            assertThat(Fields.text(doc, "process.executable"))
                    .isEqualTo("C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe");
        }
    }

    /**
     * Windows' own program-less tasks are COM handlers resolved as the collector resolves them on
     * a clean host: the machine's registration, its DLL described as a program file is.
     */
    @Test
    void comHandlerTasksNameTheirClassAndTheMachinesDll() {
        List<ObjectNode> tasks = all("scheduled_task");
        List<ObjectNode> cache = Fields.all(tasks, "scheduled_task.name", "CacheTask");
        assertThat(cache).hasSameSizeAs(windows).allSatisfy(doc -> {
            assertThat(Fields.text(doc, "scheduled_task.com_handler.class_id")).matches("\\{[0-9A-F-]{36}}");
            assertThat(Fields.text(doc, "scheduled_task.com_handler.registered_in"))
                    .isEqualTo("machine");
            assertThat(Fields.text(doc, "process.executable")).isEqualTo("C:\\Windows\\system32\\wininet.dll");
            assertThat(Fields.has(doc, "process.command_line")).isFalse();
            assertThat(Fields.text(doc, "process.pe.original_file_name")).isEqualTo("wininet.dll");
            assertThat(Fields.text(doc, "process.code_signature.subject_name")).isEqualTo("Microsoft Windows");
            assertThat(Fields.has(doc, "process.hash.sha256")).isTrue();
        });
        assertThat(tasks)
                .allSatisfy(doc -> assertThat(Fields.has(doc, "process.executable"))
                        .as(doc.toString())
                        .isTrue());
    }

    /**
     * An hourly task's last and next run are an hour apart around now: the OLE dates the
     * simulator writes in each host's zone read back, through the mapping, as the same instants.
     */
    @Test
    void hourlyTasksLastAndNextRunBracketNow() {
        int hourly = 0;
        for (ObjectNode doc : all("scheduled_task")) {
            String schedule = Fields.text(doc, "scheduled_task.schedule");
            if (schedule == null || !schedule.endsWith("repeating every 1 hour") || schedule.startsWith("At log on")) {
                continue;
            }
            hourly++;
            Instant last = Instant.parse(Fields.text(doc, "scheduled_task.last_run"));
            Instant next = Instant.parse(Fields.text(doc, "scheduled_task.next_run"));
            assertThat(Duration.between(last, next)).as(doc.toString()).isEqualTo(Duration.ofHours(1));
            assertThat(last).as(doc.toString()).isBeforeOrEqualTo(Fleets.T0);
            assertThat(next).as(doc.toString()).isAfter(Fleets.T0);
        }
        assertThat(hourly).isPositive();
    }

    @Test
    void usersTasksLeaveWhetherTheUserIsPrivilegedToGroupMembership() {
        List<ObjectNode> userTasks = Fields.all(all("scheduled_task"), "scheduled_task.account_type", "user");
        assertThat(userTasks).isNotEmpty();
        assertThat(userTasks)
                .allSatisfy(doc -> assertThat(Fields.has(doc, "scheduled_task.privileged"))
                        .as(doc.toString())
                        .isFalse());
    }

    @Test
    void registryValuesConformAndTheirDataIsDecodedByType() {
        List<ObjectNode> values = all("registry_value");
        ObjectNode packages =
                Fields.all(values, "registry.path", LSA + "Security Packages").get(0);
        assertThat(Fields.text(packages, "registry.data.type")).isEqualTo("REG_MULTI_SZ");
        assertThat(Fields.texts(packages, "registry.data.strings"))
                .containsExactly("kerberos", "msv1_0", "schannel", "wdigest", "tspkg", "pku2u");
        ObjectNode noLmHash =
                Fields.all(values, "registry.path", LSA + "NoLmHash").get(0);
        assertThat(Fields.text(noLmHash, "registry.data.type")).isEqualTo("REG_DWORD");
        assertThat(Fields.texts(noLmHash, "registry.data.strings")).containsExactly("1");
        List<ObjectNode> userRunValues = values.stream()
                .filter(doc -> "HKU".equals(Fields.text(doc, "registry.hive")))
                .toList();
        assertThat(userRunValues).isNotEmpty().allSatisfy(doc -> {
            assertThat(Fields.text(doc, "registry.key")).startsWith("S-1-5-21-").contains("\\Run");
            assertThat(Fields.text(doc, "registry_value.user")).contains("\\");
            assertThat(Fields.text(doc, "registry.data.type")).isIn("REG_SZ", "REG_EXPAND_SZ");
            assertThat(Fields.texts(doc, "registry.data.strings")).hasSize(1);
        });
    }

    @Test
    void sharesConformAndTheirPermissionsAreTheDaclInTheDialogsWords() {
        List<ObjectNode> shares = all("share");
        List<ObjectNode> admin = Fields.all(shares, "share.name", "ADMIN$");
        assertThat(admin).hasSameSizeAs(windows).allSatisfy(doc -> {
            assertThat(Fields.text(doc, "share.type")).isEqualTo("special");
            assertThat(Fields.texts(doc, "share.permissions")).containsExactly("BUILTIN\\Administrators:full");
            assertThat(Fields.bool(doc, "share.everyone_access")).isFalse();
        });
        assertThat(Fields.all(shares, "share.name", "IPC$")).allSatisfy(doc -> {
            assertThat(Fields.text(doc, "share.type")).isEqualTo("ipc");
            assertThat(Fields.has(doc, "share.permissions")).isFalse();
            assertThat(Fields.has(doc, "share.path")).isFalse();
        });
        List<ObjectNode> team = Fields.all(shares, "share.name", "Shared");
        assertThat(team).as("the fleet has a file server").isNotEmpty().allSatisfy(doc -> {
            assertThat(Fields.texts(doc, "share.permissions"))
                    .containsExactly("Everyone:change", "BUILTIN\\Administrators:full");
            assertThat(Fields.bool(doc, "share.everyone_access")).isTrue();
            assertThat(Fields.number(doc, "share.current_users")).isNotNull();
            assertThat(Fields.has(doc, "share.max_users")).isFalse();
        });
        assertThat(Fields.all(shares, "share.name", "Finance"))
                .allSatisfy(doc -> assertThat(Fields.texts(doc, "share.permissions"))
                        .containsExactly("CORP\\Dept-Finance:change", "CORP\\Domain Admins:full"));
    }

    private static final String LSA = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\";
}
