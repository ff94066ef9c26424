package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class StateUpdatesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final StateUpdates.Source SOURCE = new StateUpdates.Source("h1", "web-01", "a1");

    @Test
    void upsertKeepsFirstSeenAndNullsWhatTheItemLacks() {
        ObjectNode doc = (ObjectNode)
                JSON.readTree("{\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\",\"name\":\"x\"}}");
        ObjectNode action = StateUpdates.upsert(
                Schema.standard().require("process"),
                doc,
                SOURCE,
                "2026-11-28T12:00:00.000Z",
                "2026-11-28T12:00:01.000Z");
        assertThat(action.path("upsert").path("@timestamp").asString())
                .isEqualTo("2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z");
        assertThat(action.path("doc").has("@timestamp")).isFalse();
        assertThat(action.path("doc").path("process").path("command_line").isNull())
                .isTrue();
        assertThat(action.path("doc").path("host").path("id").asString()).isEqualTo("h1");
        assertThat(action.path("doc").path("agent7").path("present").asBoolean())
                .isTrue();
        assertThat(action.path("detect_noop").asBoolean()).isTrue();
        assertThat(action.path("doc")
                        .path("agent7")
                        .path("join")
                        .path("host_user")
                        .isNull())
                .as("a key the item no longer has is cleared too")
                .isTrue();
        assertThat(doc.path("process").has("command_line"))
                .as("the input is not changed")
                .isFalse();
    }

    @Test
    void aDocumentWrittenInPartsGetsTheServersFieldsAndNoNulls() {
        ObjectNode doc =
                (ObjectNode) JSON.readTree("{\"host\":{\"hostname\":\"web-01\"},\"agent\":{\"id\":\"forged\"}}");

        StateUpdates.setServerOwned(doc, Schema.standard().require("host"), SOURCE, "2026-11-28T12:00:00.000Z");

        assertThat(doc).isEqualTo(JSON.readTree("""
                        {"host": {"hostname": "web-01", "id": "h1", "name": "web-01"},
                         "agent": {"id": "a1"},
                         "agent7": {"type": "host", "last_seen": "2026-11-28T12:00:00.000Z", "present": true, "removed_at": null}}
                        """));
    }

    @Test
    void aRemovalMarksTheItemGoneAndNothingElse() {
        assertThat(StateUpdates.removal("2026-11-28T12:00:00.000Z"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"doc\":{\"agent7\":{\"present\":false,\"removed_at\":\"2026-11-28T12:00:00.000Z\"}},\"detect_noop\":true}"));
    }

    @Test
    void nestedArraysSurviveTheNullFilling() {
        DataType sysvol = Schema.standard().require("sysvol_file");
        ObjectNode doc = (ObjectNode) JSON.readTree(
                "{\"file\":{\"path\":\"x\"},\"sysvol_file\":{\"aces\":[{\"principal\":\"a\"},{\"principal\":\"b\"}]}}");
        ObjectNode action =
                StateUpdates.upsert(sysvol, doc, SOURCE, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z");
        assertThat(action.path("doc").path("sysvol_file").path("aces").isArray())
                .isTrue();
        assertThat(action.path("doc").path("sysvol_file").path("aces")).hasSize(2);
        ObjectNode none = (ObjectNode) JSON.readTree("{\"file\":{\"path\":\"y\"}}");
        assertThat(StateUpdates.upsert(sysvol, none, SOURCE, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z")
                        .path("doc")
                        .path("sysvol_file")
                        .path("aces")
                        .isNull())
                .isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "process     | {\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\",\"name\":\"x\",\"args\":[\"a\",\"b\"]}}",
                "process     | {\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\",\"parent\":{\"pid\":2}},\"user\":{\"name\":\"é\\\"q\"}}",
                "sysvol_file | {\"file\":{\"path\":\"x\"},\"sysvol_file\":{\"aces\":[{\"principal\":\"a\"},{\"principal\":\"b\"}]}}",
                "sysvol_file | {\"file\":{\"path\":\"y\"}}",
                // the agent's own copy of server-owned fields is replaced where it stands
                "process     | {\"agent7\":{\"present\":false,\"x\":1},\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\"},\"host\":{\"id\":\"h1\"}}",
                // the join keys the normaliser computed sit beside the server's other agent7.* fields
                "process     | {\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\"},\"agent7\":{\"join\":{\"host_pid\":\"h1/1\"}}}",
                // a value where an object belongs becomes that object
                "process     | {\"host\":\"web-01\",\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\",\"parent\":7}}",
            })
    void theBulkActionBytesAreTheTreeUpdate(String typeName, String json) {
        DataType type = Schema.standard().require(typeName);
        ObjectNode tree = StateUpdates.upsert(
                type, (ObjectNode) JSON.readTree(json), SOURCE, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z");
        ObjectNode input = (ObjectNode) JSON.readTree(json);
        byte[] action =
                StateUpdates.upsertAction(type, input, SOURCE, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z");
        assertThat(JSON.readTree(action)).isEqualTo(tree);
        // Byte for byte, field order included: the action is written straight from the input,
        // not from the completed tree, and must come out the same.
        String doc = JsonTrees.string(tree.path("doc"));
        assertThat(new String(action, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"doc\":" + doc + ",\"upsert\":{\"@timestamp\":\"2026-11-28T12:00:00.000Z\","
                        + "\"event.ingested\":\"2026-11-28T12:00:01.000Z\"," + doc.substring(1));
        // Only a new item gets its ingest time: a later collection of it leaves the first one be.
        assertThat(doc).doesNotContain("ingested");
        assertThat(input).as("the input is not changed").isEqualTo(JSON.readTree(json));
    }

    @org.junit.jupiter.api.Test
    void oneWriterForABatchGivesEachDocumentTheBytesItGetsAlone() {
        DataType type = Schema.standard().require("process");
        List<String> documents = List.of(
                "{\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00.000Z\",\"name\":\"a\"}}",
                "{\"process\":{\"pid\":2,\"start\":\"2026-11-28T10:00:00.000Z\",\"pe\":{\"company\":\"c\"}}}",
                "{\"host\":\"web-01\",\"process\":{\"pid\":3,\"start\":\"2026-11-28T10:00:00.000Z\"}}",
                "{\"process\":{\"pid\":4,\"start\":\"2026-11-28T10:00:00.000Z\",\"user\":{\"name\":\"é\"}}}");
        try (StateUpdates.Upserts batch =
                StateUpdates.upserts(type, SOURCE, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:01.000Z")) {
            for (String json : documents) {
                byte[] alone = StateUpdates.upsertAction(
                        type,
                        (ObjectNode) JSON.readTree(json),
                        SOURCE,
                        "2026-11-28T12:00:00.000Z",
                        "2026-11-28T12:00:01.000Z");
                assertThat(new String(batch.action((ObjectNode) JSON.readTree(json)), StandardCharsets.UTF_8))
                        .as(json)
                        .isEqualTo(new String(alone, StandardCharsets.UTF_8));
            }
        }
    }
}
