package io.agent7.agent;

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

/** The agent computes the same ids as the golden vectors, from documents exactly as collectors write them. */
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
    void agentIdsMatchTheGoldenVectors(JsonNode vector) {
        var type = Schema.standard().require(vector.path("type").asString());
        assertThat(DocumentIds.of(vector.path("host_id").asString(), type, vector.path("document")))
                .as(vector.path("description").asString())
                .isEqualTo(vector.path("id").asString());
    }
}
