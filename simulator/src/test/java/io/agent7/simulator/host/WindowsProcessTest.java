package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import io.agent7.schema.Documents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Windows host's processes, system metrics and disks are the Windows collectors'
 * mappings of the records their readers would return: the shapes the schema takes, with the
 * mapping's rules for the kernel's processes, command lines and version resources.
 */
class WindowsProcessTest {

    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(7L, 40);
    }

    private static ObjectNode named(List<ObjectNode> docs, String name) {
        return docs.stream()
                .filter(d -> name.equals(Fields.text(d, "process.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + docs));
    }

    @Test
    void processDocumentsConformToTheSchema() {
        for (VirtualHost host : windows) {
            Fields.assertConforms("process", Fleets.collect(host, "process"));
        }
    }

    @Test
    void theKernelsProcessesAreAsTheMappingGivesThem() {
        for (VirtualHost host : windows) {
            List<ObjectNode> docs = Fleets.collect(host, "process");
            ObjectNode system = named(docs, "System");
            assertThat(Fields.text(system, "process.user.name")).isEqualTo("NT AUTHORITY\\SYSTEM");
            assertThat(Documents.get(system, "process.executable")).isNull();
            assertThat(Documents.get(system, "process.parent.name"))
                    .as("the Idle process is no parent")
                    .isNull();
            for (String minimal : List.of("Registry", "Memory Compression")) {
                ObjectNode doc = named(docs, minimal);
                assertThat(Documents.get(doc, "process.user"))
                        .as("OpenProcess refuses the kernel's minimal processes: " + doc)
                        .isNull();
                assertThat(Fields.text(doc, "process.start"))
                        .as("they take the boot time")
                        .isEqualTo(Fields.text(system, "process.start"));
                assertThat(Fields.text(doc, "process.parent.name")).isEqualTo("System");
            }
        }
    }

    @Test
    void commandLinesAreSplitAsWindowsDoes() {
        int split = 0;
        for (VirtualHost host : windows) {
            for (ObjectNode doc : Fleets.collect(host, "process")) {
                String commandLine = Fields.text(doc, "process.command_line");
                if (commandLine == null) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                Documents.get(doc, "process.args").forEach(a -> args.add(a.asString()));
                assertThat(args).as(commandLine).isEqualTo(WindowsCommandLine.split(commandLine));
                assertThat(Documents.get(doc, "process.args_count").asLong()).isEqualTo(args.size());
                split++;
            }
        }
        assertThat(split).isPositive();
    }

    @Test
    void signedProgramsCarryTheirVersionResourceAndOneFileHasOneHash() {
        for (VirtualHost host : windows) {
            Map<String, String> hashes = new HashMap<>();
            for (ObjectNode doc : Fleets.collect(host, "process")) {
                String executable = Fields.text(doc, "process.executable");
                if (executable == null) {
                    continue;
                }
                assertThat(hashes.computeIfAbsent(executable, e -> Fields.text(doc, "process.hash.sha256")))
                        .as("the agent hashes the file at the path, once: " + executable)
                        .isEqualTo(Fields.text(doc, "process.hash.sha256"));
                boolean signed =
                        Documents.get(doc, "process.code_signature.exists").asBoolean();
                if (signed) {
                    assertThat(Fields.text(doc, "process.pe.original_file_name"))
                            .isEqualTo(executable.substring(executable.lastIndexOf('\\') + 1));
                    assertThat(Fields.text(doc, "process.pe.company")).isNotBlank();
                    assertThat(Fields.text(doc, "process.code_signature.status"))
                            .isEqualTo("trusted");
                } else {
                    assertThat(Documents.get(doc, "process.pe"))
                            .as(doc.toString())
                            .isNull();
                    assertThat(Documents.get(doc, "process.code_signature.trusted"))
                            .isNull();
                }
            }
            ObjectNode svchost = named(Fleets.collect(host, "process"), "svchost.exe");
            assertThat(Fields.text(svchost, "process.pe.description")).isEqualTo("Host Process for Windows Services");
            assertThat(Fields.text(svchost, "process.code_signature.subject_name"))
                    .isEqualTo("Microsoft Windows");
        }
    }

    @Test
    void thePlantedServicesProgramIsUnsignedAndHasNoVersionResource() {
        VirtualHost host = IntStream.range(0, 2_000)
                .mapToObj(i -> VirtualHost.create(20260304L, i, Fleets.T0))
                .filter(h -> h.plantedFindings().contains(Finding.SERVICE_IN_TEMP.label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no host of 2,000 has a service in Temp"));
        ObjectNode planted = Fleets.collect(host, "process").stream()
                .filter(d -> Fields.text(d, "process.executable") != null
                        && Fields.text(d, "process.executable").contains("\\Temp\\"))
                .findFirst()
                .orElseThrow();
        assertThat(Documents.get(planted, "process.code_signature.exists").asBoolean())
                .isFalse();
        assertThat(Documents.get(planted, "process.code_signature.trusted")).isNull();
        assertThat(Documents.get(planted, "process.pe")).as(planted.toString()).isNull();
        assertThat(Fields.text(planted, "process.hash.sha256")).hasSize(64);
    }

    @Test
    void systemMetricsHaveNoLoadAverageAndSwapInWholePages() {
        for (VirtualHost host : windows) {
            List<ObjectNode> docs = Fleets.collect(host, "system_metric");
            Fields.assertConforms("system_metric", docs);
            ObjectNode sample = docs.get(0);
            assertThat(Documents.get(sample, "system_metric.load"))
                    .as("Windows has no load average")
                    .isNull();
            assertThat(Documents.get(sample, "system_metric.cpu.pct").asDouble())
                    .isBetween(0.0, 1.0);
            assertThat(Documents.get(sample, "system_metric.swap.used").asLong() % 4096)
                    .isZero();
            assertThat(Documents.get(sample, "system_metric.process_count").asLong())
                    .isPositive();
        }
    }

    @Test
    void drivesAreLettersWithTheSerialAsDirPrintsIt() {
        for (VirtualHost host : windows) {
            List<ObjectNode> docs = Fleets.collect(host, "disk");
            Fields.assertConforms("disk", docs);
            assertThat(docs).extracting(d -> Fields.text(d, "disk.mount_point")).contains("C:");
            for (ObjectNode doc : docs) {
                assertThat(Fields.text(doc, "volume.serial_number")).matches("[0-9A-F]{4}-[0-9A-F]{4}");
                assertThat(Fields.text(doc, "volume.device_type")).isEqualTo("fixed");
                assertThat(Fields.text(doc, "volume.device_name")).startsWith("\\\\?\\Volume{");
                assertThat(Documents.get(doc, "disk.encrypted"))
                        .as("the Windows collector does not read BitLocker's state")
                        .isNull();
                assertThat(Documents.get(doc, "disk.used").asLong()
                                + Documents.get(doc, "disk.free").asLong())
                        .isEqualTo(Documents.get(doc, "volume.size").asLong());
            }
        }
    }
}
