package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class BatchReaderTest {

    static final DataType PROCESS = Schema.standard().require("process");
    static final String HEADER =
            "{\"batch\":{\"id\":\"b1\",\"mode\":\"snapshot\",\"collected_at\":\"2026-11-28T12:00:00+01:00\"}}\n";
    final IngestProperties limits = IngestSettings.of("max-body-size=4KB", "max-documents=3", "max-line-size=300B");

    Batch read(String body) throws Exception {
        return new BatchReader(limits)
                .read(
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                        PROCESS,
                        Schema.standard().normalizer(PROCESS),
                        "host-1");
    }

    ApiProblem rejection(String body) {
        try {
            read(body);
        } catch (BatchRejectedException e) {
            return new ApiProblem(IngestController.status(e.reason()), e.getMessage(), e.errors());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the batch was accepted");
    }

    @Test
    void readsHeaderAndDocuments() throws Exception {
        Batch batch = read(HEADER + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}}}\n\n"
                + "{\"upsert\":{\"process.pid\":2,\"process.start\":0,\"host.id\":\"host-1\"}}");
        assertThat(batch.id()).isEqualTo("b1");
        assertThat(batch.mode()).isEqualTo(Batch.Mode.SNAPSHOT);
        assertThat(batch.collectedAt()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(batch.documents()).hasSize(2);
        assertThat(batch.documents().get(1).toString())
                .isEqualTo("{\"process\":{\"pid\":2,\"start\":\"1970-01-01T00:00:00.000Z\"},"
                        + "\"agent7\":{\"join\":{\"host_pid\":\"host-1/2\"}}}");
    }

    @Test
    void joinKeysAreTheServersMadeWithTheAgentsHostWhateverTheAgentSent() throws Exception {
        Batch batch = read(HEADER.replace("snapshot", "diff")
                + "{\"upsert\":{\"process\":{\"pid\":3,\"start\":0,\"user\":{\"name\":\"SYSTEM\"}},"
                + "\"agent7\":{\"join\":{\"host_user\":\"host-2/administrator\",\"host_pid\":\"host-2/4\"}}}}\n"
                + "{\"remove\":{\"process\":{\"pid\":5,\"start\":0}}}");
        assertThat(batch.documents().get(0).path("agent7"))
                .hasToString("{\"join\":{\"host_user\":\"host-1/system\",\"host_pid\":\"host-1/3\"}}");
        assertThat(batch.removals().get(0).has("agent7"))
                .as("a removal writes no key")
                .isFalse();
    }

    @Test
    void namesEveryBadLineAndAcceptsNothing() {
        ApiProblem problem = rejection(HEADER
                + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}}}\n"
                + "{\"upsert\":{\"process\":{\"pid\":\"one\",\"start\":0}}}\n"
                + "{oops\n"
                + "{\"index\":{}}\n");
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.getMessage()).isEqualTo("3 lines are invalid; nothing of the batch was written");
        assertThat(problem.errors()).extracting(ApiProblem.Error::line).containsExactly(3, 4, 5);
        assertThat(problem.errors().get(0).field()).isEqualTo("process.pid");
        assertThat(problem.errors().get(2).reason())
                .isEqualTo("must be {\"upsert\": {document}} or {\"remove\": {identity fields}}");
    }

    @Test
    void aRepeatedNameKeepsItsLastValueWhole() throws Exception {
        Batch batch = read(HEADER
                + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0,\"name\":\"a\"},\"process\":{\"pid\":2,\"start\":0}}}\n"
                + "{\"upsert\":{\"process\":{\"pid\":3,\"pid\":4,\"start\":0}}}");
        assertThat(batch.documents())
                .extracting(document -> document.path("process").toString())
                .containsExactly(
                        "{\"pid\":2,\"start\":\"1970-01-01T00:00:00.000Z\"}",
                        "{\"pid\":4,\"start\":\"1970-01-01T00:00:00.000Z\"}");
    }

    @Test
    void aDocumentOfItsOwnHostOrNoneIsAccepted() throws Exception {
        Batch batch = read(HEADER + "{\"upsert\":{\"host\":{\"id\":\"host-1\"},\"process\":{\"pid\":1,\"start\":0}}}\n"
                + "{\"upsert\":{\"host.id\":null,\"process\":{\"pid\":2,\"start\":0}}}\n");
        assertThat(batch.documents())
                .hasSize(2)
                .allSatisfy(document -> assertThat(document.has("host")).isFalse());
    }

    @Test
    void whatFollowsADocumentOnItsLineIsAnError() {
        ApiProblem problem = rejection(HEADER + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}}} {}\n"
                + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}},\"remove\":{}}\n");
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.errors()).extracting(ApiProblem.Error::line).containsExactly(2, 3);
        assertThat(problem.errors().get(0).reason()).startsWith("is not valid JSON");
    }

    @Test
    void anotherHostsDocumentIsForbidden() {
        ApiProblem problem =
                rejection(HEADER + "{\"upsert\":{\"host\":{\"id\":\"host-2\"},\"process\":{\"pid\":1,\"start\":0}}}\n");
        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(problem.errors())
                .singleElement()
                .extracting(ApiProblem.Error::field)
                .isEqualTo("host.id");
    }

    @Test
    void headerMustComeFirstAndBeComplete() {
        assertThat(rejection("{\"upsert\":{}}\n").getMessage()).startsWith("The first line must be the batch header");
        assertThat(rejection("").getMessage()).startsWith("The batch is empty");
        ApiProblem bad = rejection("{\"batch\":{\"mode\":\"full\",\"collected_at\":\"soon\"}}\n");
        assertThat(bad.errors())
                .extracting(ApiProblem.Error::field)
                .containsExactlyInAnyOrder("batch.mode", "batch.collected_at", "batch.id");
    }

    @Test
    void tooManyDocumentsOrTooLongALineIs413() {
        String doc = "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}}}\n";
        assertThat(rejection(HEADER + doc + doc + doc + doc).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        String longLine = "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0,\"name\":\"" + "x".repeat(400) + "\"}}}\n";
        assertThat(rejection(HEADER + longLine).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void linesSplitAcrossReadsAndCrlfAreReadWhole() throws Exception {
        // A stream that hands out a few bytes per read, as a slow gzip or network source does.
        byte[] body = (HEADER.replace("\n", "\r\n") + "{\"upsert\":{\"process\":{\"pid\":1,\"start\":0}}}\r\n\r\n"
                        + "{\"upsert\":{\"process\":{\"pid\":2,\"start\":0,\"name\":\"" + "y".repeat(200) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        var trickle = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        Batch batch =
                new BatchReader(limits).read(trickle, PROCESS, Schema.standard().normalizer(PROCESS), "host-1");
        assertThat(batch.documents())
                .extracting(d -> d.path("process").path("pid").asInt())
                .containsExactly(1, 2);
        assertThat(batch.documents().get(1).path("process").path("name").asString())
                .hasSize(200);
    }
}
