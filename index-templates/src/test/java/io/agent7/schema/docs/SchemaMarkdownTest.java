package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
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
        int start = markdown.indexOf("\n### " + type.name() + "\n");
        int end = markdown.indexOf("\n#", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }
}
