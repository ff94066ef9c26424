package io.agent7.agent.collect.windows.software;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

        assertConforms(Schema.standard().require("software"), SoftwareMapping.documents(machine), 3);
    }

    static void assertConforms(DataType type, List<ObjectNode> docs, int expected) {
        assertThat(docs).hasSize(expected);
        Set<String> ids = new HashSet<>();
        for (ObjectNode doc : docs) {
            assertThat(Schema.standard().normalizer(type).normalize(doc))
                    .as("stored form: " + doc)
                    .isEqualTo(doc);
            List<String> fields = new ArrayList<>();
            Documents.forEachLeaf(doc, (name, value) -> fields.add(name));
            assertThat(fields)
                    .as("only the type's own fields: " + doc)
                    .allMatch(type.fields()::containsKey)
                    .noneMatch(CommonFields.SERVER_OWNED::contains);
            assertThat(ids.add(DocumentIds.of("h", type, doc)))
                    .as("one item once: " + doc)
                    .isTrue();
        }
    }
}
