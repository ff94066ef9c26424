package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DocumentIds;
import io.agent7.schema.Schema;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server computes ids after normalising what the agent sent (nesting, dates in UTC,
 * addresses in one form): normalising must not change an item's identity.
 */
class DocumentIdVectorsTest {

    static List<JsonNode> vectors() throws Exception {
        try (InputStream in = DocumentIds.class.getResourceAsStream("document-id-vectors.json")) {
            List<JsonNode> vectors = new ArrayList<>();
            JsonMapper.builder().build().readTree(in).path("vectors").forEach(vectors::add);
            return vectors;
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("vectors")
    void serverIdsOfNormalisedDocumentsMatchTheGoldenVectors(JsonNode vector) {
        var type = Schema.standard().require(vector.path("type").asString());
        var normalized = Schema.standard().normalizer(type).normalize(vector.path("document"));
        assertThat(DocumentIds.of(vector.path("host_id").asString(), type, normalized))
                .as(vector.path("description").asString())
                .isEqualTo(vector.path("id").asString());
    }
}
