package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DocumentIdsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<JsonNode> goldenVectors() throws Exception {
        try (InputStream in = DocumentIds.class.getResourceAsStream("document-id-vectors.json")) {
            List<JsonNode> vectors = new ArrayList<>();
            JSON.readTree(in).path("vectors").forEach(vectors::add);
            return vectors.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVectors")
    void matchesGoldenVector(JsonNode vector) {
        DataType type = Schema.standard().require(vector.path("type").asString());
        String host = vector.path("host_id").asString();

        assertThat(DocumentIds.canonical(host, type, vector.path("document")))
                .isEqualTo(vector.path("canonical").asString());
        assertThat(DocumentIds.of(host, type, vector.path("document")))
                .isEqualTo(vector.path("id").asString());
    }

    /**
     * The server computes ids after normalising what the agent sent (nesting, dates in UTC,
     * addresses in one form): normalising must not change an item's identity.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVectors")
    void normalisingKeepsTheGoldenId(JsonNode vector) {
        DataType type = Schema.standard().require(vector.path("type").asString());
        JsonNode normalized = Schema.standard().normalizer(type).normalize(vector.path("document"));
        assertThat(DocumentIds.of(vector.path("host_id").asString(), type, normalized))
                .isEqualTo(vector.path("id").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void countsUtf8BytesAsTheEncoderWrites(String text) {
        assertThat(DocumentIds.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    static Stream<String> texts() {
        return Stream.of(
                "",
                "svchost.exe",
                "C:\\Program Files\\Müller\\app.exe", // two-byte
                "服务", // three-byte
                "\uD83D\uDE00 emoji", // a surrogate pair: four bytes
                "lone \uD83D high", // a lone surrogate: encoded as '?'
                "lone \uDE00 low",
                "end \uD83D",
                "\u007F\u0080\u07FF\u0800\uFFFF");
    }

    @Test
    void hashesAFlatDocumentAsItsNestedForm() {
        DataType type = Schema.standard().require("process");
        JsonNode nested = JSON.readTree("{\"process\": {\"pid\": 4, \"start\": \"2026-01-01T00:00:00Z\"}}");
        JsonNode flat = JSON.readTree("{\"process.pid\": 4, \"process.start\": \"2026-01-01T00:00:00Z\"}");

        assertThat(DocumentIds.canonical("h1", type, flat)).isEqualTo(DocumentIds.canonical("h1", type, nested));
    }

    @Test
    void goldenVectorsAreThere() throws Exception {
        assertThat(goldenVectors().count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void idIsBase64UrlOfSha256() {
        String id = DocumentIds.of("h", HostTypes.PROCESS, JSON.readTree("{\"process\":{\"pid\":1,\"start\":0}}"));
        assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void differentHostsGiveDifferentIds() {
        JsonNode doc = JSON.readTree("{\"process\":{\"pid\":1,\"start\":0}}");
        assertThat(DocumentIds.of("a", HostTypes.PROCESS, doc))
                .isNotEqualTo(DocumentIds.of("b", HostTypes.PROCESS, doc));
    }

    @Test
    void lengthPrefixesKeepComponentsApart() {
        DataType type = DataType.builder("pair")
                .keyword("a.x", "")
                .keyword("a.y", "")
                .identity("a.x", "a.y")
                .build();
        String left = DocumentIds.of("h", type, JSON.readTree("{\"a\":{\"x\":\"ab\",\"y\":\"c\"}}"));
        String right = DocumentIds.of("h", type, JSON.readTree("{\"a\":{\"x\":\"a\",\"y\":\"bc\"}}"));
        assertThat(left).isNotEqualTo(right);
    }

    @Test
    void caseInsensitiveFieldsFoldCaseAndOthersDoNot() {
        DataType type = DataType.builder("svc")
                .caseless("service.name", "")
                .keyword("service.state", "")
                .identity("service.name", "service.state")
                .build();
        String upper =
                DocumentIds.of("h", type, JSON.readTree("{\"service\":{\"name\":\"WinDefend\",\"state\":\"x\"}}"));
        String lower =
                DocumentIds.of("h", type, JSON.readTree("{\"service\":{\"name\":\"windefend\",\"state\":\"x\"}}"));
        String otherState =
                DocumentIds.of("h", type, JSON.readTree("{\"service\":{\"name\":\"windefend\",\"state\":\"X\"}}"));
        assertThat(upper).isEqualTo(lower);
        assertThat(otherState).isNotEqualTo(lower);
    }

    @Test
    void missingIdentityValueHashesAsNull() {
        String canonical = DocumentIds.canonical("h", HostTypes.PROCESS, JSON.readTree("{\"process\":{\"pid\":3}}"));
        assertThat(canonical).endsWith("s13:process.startn0:");
    }

    @Test
    void fractionalWholeNumberIsRejectedWithFieldName() {
        assertThatThrownBy(() -> DocumentIds.of(
                        "h", HostTypes.PROCESS, JSON.readTree("{\"process\":{\"pid\":1.5,\"start\":0}}")))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("process.pid")
                .hasMessageContaining("1.5");
    }

    @Test
    void floatingPointIdentityIsRefusedAtDeclaration() {
        assertThatThrownBy(() -> DataType.builder("bad")
                        .field("m.v", FieldType.DOUBLE, "")
                        .identity("m.v")
                        .build())
                .hasMessageContaining("floating point");
    }
}
