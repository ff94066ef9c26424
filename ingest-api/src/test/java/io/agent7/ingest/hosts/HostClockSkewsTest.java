package io.agent7.ingest.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.ingest.ingest.DocumentSink;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The skew on the host's document is written when it changes, not for every batch. */
class HostClockSkewsTest {

    private static final AgentPrincipal AGENT =
            new AgentPrincipal("agent-1", "0123456789abcdef0123456789abcdef", "WS-1");

    /** Records each write and answers it with {@link #outcome}. */
    private final List<DocumentSink.Write> writes = new ArrayList<>();

    private DocumentSink.Outcome outcome = DocumentSink.Outcome.UPDATED;
    private final DocumentSink sink = new DocumentSink() {
        @Override
        public CompletableFuture<List<Result>> write(List<Write> batch) {
            writes.addAll(batch);
            return CompletableFuture.completedFuture(
                    batch.stream().map(w -> new Result(w.id(), outcome, null)).toList());
        }

        @Override
        public boolean hasRoomFor(int count) {
            return true;
        }
    };
    private final HostDocuments documents = new HostDocuments(Schema.standard());
    private final HostClockSkews skews = new HostClockSkews(sink, documents, IngestProperties.defaults());

    private String lastWritten() {
        return new String(writes.get(writes.size() - 1).action(), StandardCharsets.UTF_8);
    }

    @Test
    void theFirstReportIsWrittenToTheHostsDocument() {
        skews.observed(AGENT, Duration.ofHours(2));

        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).index()).isEqualTo("agent7-host");
        assertThat(writes.get(0).id()).isEqualTo(documents.id(AGENT.hostId()));
        assertThat(writes.get(0).routing()).isEqualTo(AGENT.hostId());
        assertThat(lastWritten()).isEqualTo("{\"doc\":{\"host_state\":{\"clock_skew\":7200}},\"detect_noop\":true}");
    }

    @Test
    void aSkewThatMovesByLessThanTheNoiseIsNotWrittenAgain() {
        skews.observed(AGENT, Duration.ofHours(2));
        skews.observed(AGENT, Duration.ofHours(2).minusSeconds(37)); // a batch that waited in the spool
        skews.observed(AGENT, Duration.ofHours(2).plusMinutes(5));

        assertThat(writes).hasSize(1);
    }

    @Test
    void aSkewThatMovesMoreOrEndsIsWritten() {
        skews.observed(AGENT, Duration.ofHours(2));
        skews.observed(AGENT, Duration.ofHours(3));
        assertThat(lastWritten()).contains("\"clock_skew\":10800");

        skews.observed(AGENT, Duration.ZERO);
        skews.observed(AGENT, Duration.ZERO);

        assertThat(writes).hasSize(3);
        assertThat(lastWritten()).contains("\"clock_skew\":0");
    }

    @Test
    void aHostOnTimeIsWrittenOnceSoAnOldSkewDoesNotLinger() {
        skews.observed(AGENT, Duration.ZERO);
        skews.observed(AGENT, Duration.ZERO);

        assertThat(writes).hasSize(1);
        assertThat(lastWritten()).contains("\"clock_skew\":0");
    }

    @Test
    void aWriteThatFoundNoDocumentIsTriedAgainWithTheNextBatch() {
        outcome = DocumentSink.Outcome.MISSING; // the host has not checked in yet
        skews.observed(AGENT, Duration.ofHours(2));
        outcome = DocumentSink.Outcome.UPDATED;
        skews.observed(AGENT, Duration.ofHours(2));
        skews.observed(AGENT, Duration.ofHours(2));

        assertThat(writes).hasSize(2);
    }
}
