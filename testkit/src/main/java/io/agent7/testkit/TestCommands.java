package io.agent7.testkit;

import io.agent7.protocol.Command;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response commands straight in the test node's {@code agent7-commands}, as the console writes
 * them (or as anyone with write access to the index could), and what agents made of them.
 */
public final class TestCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestCommands() {}

    /** Queues {@code command} for its host with {@code signed} as the form agents get; visible to searches at once. */
    public static void queue(Command command, String signed) {
        ObjectNode doc = JSON.createObjectNode();
        Instant now = Instant.now();
        doc.put("@timestamp", now.toString()).put("agent7.type", "command");
        doc.putObject("host").put("id", command.hostId());
        doc.putObject("user").put("name", "test");
        doc.putObject("command")
                .put("id", command.id())
                .put("action", command.action().wire())
                .put("state", "queued")
                .put("signed", signed)
                .put("created_at", now.toString())
                .put("expires_at", command.expiresAt().toString());
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "PUT",
                "/agent7-commands/_doc/" + command.id() + "?refresh=true",
                doc.toString());
    }

    /** The command's {@code command} object as stored now. */
    public static JsonNode stored(String id) {
        return TestElasticsearch.get(TestElasticsearch.url(), "/agent7-commands/_doc/" + id)
                .path("_source")
                .path("command");
    }

    /** The command's state: queued, delivered, running, done, failed, timed_out, refused, expired. */
    public static String state(String id) {
        return stored(id).path("state").asString("");
    }

    /** All the output the agent sent, chunk after chunk. */
    public static byte[] output(String id) {
        TestElasticsearch.refresh("agent7-command-output");
        JsonNode hits = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-command-output/_search",
                        "{\"size\":10000,\"query\":{\"term\":{\"command.id\":\"" + id + "\"}},"
                                + "\"sort\":[{\"command_output.seq\":\"asc\"}]}")
                .path("hits")
                .path("hits");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode hit : hits) {
            bytes.writeBytes(Base64.getDecoder()
                    .decode(hit.path("_source")
                            .path("command_output")
                            .path("data")
                            .asString()));
        }
        return bytes.toByteArray();
    }
}
