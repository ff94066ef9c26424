package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.FieldsByOs;
import io.agent7.schema.Schema;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SchemaMarkdownTest {

    private final String markdown = new SchemaMarkdown(Schema.standard()).markdown();

    @Test
    void checkedInSchemaMarkdownIsWhatTheSchemaGeneratesNow() throws IOException {
        GeneratedFile.assertUpToDate(SchemaMarkdown.CHECKED_IN_FILE, markdown, SchemaMarkdownTest.class);
    }

    @Test
    void everyTypeAndServerTypeHasItsOwnSectionWithItsIndex() {
        for (DataType type : Schema.standard().types()) {
            assertThat(markdown).contains("\n### " + type.name() + "\n", "- Index: `" + type.index() + "`");
        }
        for (DataType type : Schema.standard().serverTypes()) {
            assertThat(markdown).contains("\n### " + type.name() + "\n", "- Index: `" + type.index() + "`");
        }
        assertThat(markdown.indexOf("## Server types")).isGreaterThan(markdown.indexOf("## Data types"));
    }

    @Test
    void everyFieldOfEveryTypeIsARowOfItsTable() {
        for (DataType type : Schema.standard().types()) {
            String section = section(type);
            type.fields()
                    .values()
                    .forEach(field -> assertThat(section)
                            .as(type.name())
                            .contains("| `" + field.name() + "` | "
                                    + (field.isAlias() ? "alias of `" + field.aliasOf() + "`" : "")));
        }
    }

    @Test
    void theTypesAgentsCollectFromTheirHostSayWhichOsFillsEachField() {
        String markdown = new SchemaMarkdown(
                        Schema.standard(),
                        FieldsByOs.parse("process\tprocess.pid\tlinux,windows\n"
                                + "process\tprocess.hash.sha256\twindows\n"
                                + "process\tprocess.working_directory\tlinux\n"))
                .markdown();
        String process = section(markdown, "process");
        assertThat(process).contains("| Field | Type | Case-insensitive | Filled on | Description |");
        assertThat(row(process, "process.pid")).contains(" | Windows, Linux | ");
        assertThat(row(process, "process.hash.sha256")).contains(" | Windows | ");
        assertThat(row(process, "process.working_directory")).contains(" | Linux | ");
        assertThat(row(process, "process.pe.company")).as("filled by no agent").contains(" |  | ");
        assertThat(section(markdown, "host"))
                .as("not covered: the check-in writes it")
                .doesNotContain("Filled on");
    }

    @Test
    void theCheckedInTableCoversEveryTypeWithACollector() {
        assertThat(FieldsByOs.standard().covers("process")).isTrue();
        assertThat(FieldsByOs.standard().covers("registry_value")).isTrue();
        assertThat(FieldsByOs.standard().covers("ad_user")).isFalse();
        assertThat(section(markdown, "service")).contains("Filled on");
    }

    @Test
    void introListsEveryEcsFallback() {
        for (EcsFallbacks.Fallback fallback : EcsFallbacks.ALL) {
            assertThat(markdown).contains("- ECS `" + fallback.ecsType() + "`");
        }
    }

    @Test
    void tableCellsStayOnOneLine() {
        assertThat(markdown.lines().filter(line -> line.startsWith("| `")))
                .allSatisfy(row -> assertThat(row).endsWith(" |"));
    }

    private String section(DataType type) {
        return section(markdown, type.name());
    }

    private static String row(String section, String field) {
        return section.lines()
                .filter(line -> line.startsWith("| `" + field + "` | "))
                .findFirst()
                .orElseThrow();
    }

    private static String section(String markdown, String typeName) {
        int start = markdown.indexOf("\n### " + typeName + "\n");
        int end = markdown.indexOf("\n#", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }
}
