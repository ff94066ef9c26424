package io.agent7.agent.collect.windows.software;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the Windows software mapping makes is what the server accepts, each item once. */
class SoftwareSchemaTest {

    @Test
    void everyDocumentOfAMixedMachinePassesTheServersValidation() {
        List<UninstallEntry> machine = List.of(
                new UninstallEntry(
                        UninstallEntry.VIEW_64,
                        null,
                        "{A}",
                        "Git",
                        "2.45.1",
                        "The Git Development Community",
                        "20240601",
                        "C:\\Program Files\\Git\\",
                        "\"C:\\Program Files\\Git\\unins000.exe\"",
                        334_000,
                        null,
                        null,
                        null,
                        "https://gitforwindows.org/"),
                new UninstallEntry(
                        UninstallEntry.VIEW_32,
                        null,
                        "{B}",
                        "Git",
                        "2.45.1",
                        null,
                        "0",
                        null,
                        null,
                        -1,
                        null,
                        null,
                        1,
                        null),
                new UninstallEntry(
                        UninstallEntry.VIEW_64,
                        "S-1-5-21-1-2-3-1001",
                        "Slack",
                        "Slack",
                        "4.41.105",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new UninstallEntry(
                        UninstallEntry.VIEW_64,
                        "S-1-5-21-1-2-3-1002",
                        "Slack",
                        "Slack",
                        "4.41.105",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));

        List<ObjectNode> docs = SoftwareMapping.documents(machine);
        assertThat(docs).hasSize(3);
        Fields.assertConforms("software", docs);
    }
}
