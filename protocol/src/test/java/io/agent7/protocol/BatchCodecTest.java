package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BatchCodecTest {

    static String gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void encodesTheGoldenBatchLineForLine() throws Exception {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("golden/batch.ndjson")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : golden.split("\n")) {
            lines.add(JsonTrees.read(line));
        }
        Batch.Header header = ProtocolCodec.header(lines.get(0).path("batch"));
        Batch batch = Batch.of(
                header,
                Schema.standard().require("process"),
                List.of((ObjectNode) lines.get(1).path("upsert"), (ObjectNode)
                        lines.get(2).path("upsert")),
                List.of((ObjectNode) lines.get(3).path("remove")));

        assertThat(header)
                .isEqualTo(new Batch.Header("7d1e...", Batch.Mode.DIFF, Instant.parse("2026-11-28T12:00:00Z")));
        assertThat(gunzip(ProtocolCodec.encodeBatch(batch))).isEqualTo(golden);
    }

    @Test
    void theStreamingEncoderCountsWhatItWroteAndKeepsRemovalsLast() throws Exception {
        BatchEncoder encoder =
                new BatchEncoder(new Batch.Header("b-1", Batch.Mode.DIFF, Instant.parse("2026-11-28T12:00:00Z")));
        encoder.upsert((ObjectNode) JsonTrees.read("{\"process\":{\"pid\":1}}"));
        encoder.remove((ObjectNode) JsonTrees.read("{\"process\":{\"pid\":2}}"));
        assertThat(catchThrowableOfType(
                        IllegalStateException.class,
                        () -> encoder.upsert((ObjectNode) JsonTrees.read("{\"process\":{\"pid\":3}}"))))
                .hasMessageContaining("removals come last");
        assertThat(encoder.upserts()).isEqualTo(1);
        assertThat(encoder.removals()).isEqualTo(1);

        byte[] body = encoder.finish();
        assertThat(gunzip(body))
                .isEqualTo(
                        "{\"batch\":{\"id\":\"b-1\",\"mode\":\"diff\",\"collected_at\":\"2026-11-28T12:00:00.000Z\"}}\n"
                                + "{\"upsert\":{\"process\":{\"pid\":1}}}\n"
                                + "{\"remove\":{\"process\":{\"pid\":2}}}\n");
        assertThat(encoder.finish()).as("finishing twice gives the same body").isEqualTo(body);
        assertThat(catchThrowableOfType(
                        IllegalStateException.class,
                        () -> encoder.remove((ObjectNode) JsonTrees.read("{\"process\":{\"pid\":4}}"))))
                .hasMessageContaining("finished");
    }

    @Test
    void readsCollectionTimesInAnyZoneOrAsEpochMilliseconds() {
        Instant expected = Instant.parse("2026-11-28T11:00:00Z");

        assertThat(ProtocolCodec.header(JsonTrees.read(
                                "{\"id\":\"b\",\"mode\":\"snapshot\",\"collected_at\":\"2026-11-28T12:00:00+01:00\"}"))
                        .collectedAt())
                .isEqualTo(expected);
        assertThat(ProtocolCodec.header(JsonTrees.read("{\"id\":\"b\",\"mode\":\"snapshot\",\"collected_at\":"
                                + expected.toEpochMilli() + "}"))
                        .collectedAt())
                .isEqualTo(expected);
    }

    @Test
    void namesEveryBadHeaderFieldAtOnce() {
        MalformedMessageException e = catchThrowableOfType(
                MalformedMessageException.class,
                () -> ProtocolCodec.header(
                        JsonTrees.read("{\"id\":7,\"mode\":\"full\",\"collected_at\":\"yesterday\"}")));

        assertThat(e.problems())
                .extracting(MalformedMessageException.Problem::field)
                .containsExactly("batch.mode", "batch.collected_at");
        assertThat(e.problems().get(0).reason()).isEqualTo("must be \"snapshot\" or \"diff\", got 'full'");
        assertThat(e.problems().get(1).reason()).contains("got 'yesterday'");
    }

    @Test
    void leavesAnIdThatIsNoTextForTheReaderToName() {
        assertThat(ProtocolCodec.header(JsonTrees.read("{\"id\":7,\"mode\":\"diff\",\"collected_at\":0}"))
                        .id())
                .isNull();
    }

    @Test
    void aDiffWithoutChangesIsEmptyButASnapshotNeverIs() {
        var process = Schema.standard().require("process");
        Instant at = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(new Batch("a", Batch.Mode.DIFF, process, at, List.of(), List.of()).isEmpty())
                .isTrue();
        assertThat(new Batch("b", Batch.Mode.SNAPSHOT, process, at, List.of(), List.of()).isEmpty())
                .isFalse();
    }
}
