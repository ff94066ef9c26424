package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.JsonTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The examples of docs/AGENT-PROTOCOL.md are the golden files: the doc shows what the codec writes. */
class DocExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "AGENT-PROTOCOL.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    record Block(boolean json, String text) {}

    static List<Block> blocks() throws Exception {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            blocks.add(new Block(m.group(1).equals("json"), m.group(2)));
        }
        return blocks;
    }

    @Test
    void theJsonExamplesAreTheGoldenMessages() throws Exception {
        List<JsonNode> examples = blocks().stream()
                .filter(Block::json)
                .map(b -> JsonTrees.read(b.text()))
                .toList();

        assertThat(examples)
                .as("the JSON examples of " + DOC + ", in order")
                .containsExactly(
                        GoldenMessagesTest.golden("enroll-request.json"),
                        GoldenMessagesTest.golden("enroll-answer.json"),
                        GoldenMessagesTest.golden("checkin-report.json"),
                        GoldenMessagesTest.golden("checkin-answer.json"),
                        GoldenMessagesTest.golden("commands-answer.json"),
                        GoldenMessagesTest.golden("command-report.json"),
                        GoldenMessagesTest.golden("command-status.json"));
    }

    @Test
    void theBatchExampleStartsWithAHeaderTheCodecReads() throws Exception {
        Block batch = blocks().stream()
                .filter(b -> !b.json() && b.text().startsWith("{\"batch\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError(DOC + " has no batch example"));

        Batch.Header header = ProtocolCodec.header(
                JsonTrees.read(batch.text().lines().findFirst().orElseThrow()).path("batch"));

        assertThat(header.mode()).isEqualTo(Batch.Mode.SNAPSHOT);
        assertThat(header.collectedAt()).hasToString("2026-11-28T12:00:00Z");
    }
}
