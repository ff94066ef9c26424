package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record of which types a host has items of, and the search for items gone it spares,
 * against a sink that answers as Elasticsearch does (created, then noop for the same body).
 */
class IngestServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DataType PROCESS = Schema.standard().require("process");
    private static final String RECORDS =
            Schema.standard().serverType("item_type").index();
    private static final AgentPrincipal AGENT =
            new AgentPrincipal("agent-1", "0123456789abcdef0123456789abcdef", "WS-1");

    private final Sink sink = new Sink();
    /** The server's time: every batch of these tests but the clock's own is collected before it. */
    private static final Instant NOW = Instant.parse("2026-11-28T13:30:00Z");

    private final List<Duration> skews = new ArrayList<>();

    private IngestService service() {
        return service(null);
    }

    private IngestService service(Duration writeTimeout) {
        IngestProperties properties = writeTimeout == null
                ? IngestProperties.defaults()
                : IngestSettings.of("write-timeout=" + writeTimeout.toMillis() + "ms");
        CollectionTimes times =
                new CollectionTimes(Clock.fixed(NOW, ZoneOffset.UTC), properties, (agent, ahead) -> skews.add(ahead));
        return new IngestService(
                sink,
                sink,
                new ItemTypes(Schema.standard()),
                times,
                properties,
                List.of(),
                new IngestMetrics(new SimpleMeterRegistry()));
    }

    /** The outcome as the agent is answered; what the batch failed with when it fails. */
    private static IngestService.Outcome ingest(IngestService service, Batch batch) {
        try {
            return service.ingest(AGENT, batch).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Batch snapshot(String at, int... pids) {
        return batch(Batch.Mode.SNAPSHOT, at, pids);
    }

    private static Batch batch(Batch.Mode mode, String at, int... pids) {
        List<ObjectNode> documents = new ArrayList<>();
        for (int pid : pids) {
            documents.add(Schema.standard()
                    .normalizer(PROCESS)
                    .normalize(JSON.readTree("{\"process\":{\"pid\":" + pid
                            + ",\"start\":\"2026-11-28T10:00:00.000Z\",\"name\":\"p" + pid + "\"}}")));
        }
        return new Batch("b", mode, PROCESS, Instant.parse(at), documents, List.of());
    }

    @Test
    void aHostsFirstSnapshotOfATypeRecordsItFirstAndLooksForNothingGone() {
        IngestService.Outcome outcome = ingest(service(), snapshot("2026-11-28T12:00:00Z", 1, 2, 3));

        assertThat(outcome.created()).as("the record is not counted as an item").isEqualTo(3);
        assertThat(sink.searches).isZero();
        assertThat(sink.calls.get(0))
                .as("the record goes with the items, ahead of them")
                .hasSize(4)
                .first()
                .isEqualTo(RECORDS + "/" + AGENT.hostId() + ".process");
        assertThat(sink.calls.get(0).subList(1, 4)).allMatch(key -> key.startsWith("agent7-process/"));
    }

    @Test
    void laterSnapshotsLookForItemsGoneAndMarkThem() {
        IngestService service = service();
        ingest(service, snapshot("2026-11-28T12:00:00Z", 1, 2, 3));

        IngestService.Outcome later = ingest(service, snapshot("2026-11-28T13:00:00Z", 1, 2));

        assertThat(sink.searches).isEqualTo(1);
        assertThat(later.removed()).isEqualTo(1);
        assertThat(sink.calls)
                .as("the record is remembered: no second write of it")
                .filteredOn(call -> !call.isEmpty() && call.get(0).startsWith(RECORDS))
                .hasSize(1);
    }

    @Test
    void afterARestartTheRecordIsAskedForNotAssumed() {
        ingest(service(), snapshot("2026-11-28T12:00:00Z", 1, 2, 3));

        IngestService restarted = service(); // an empty memory, the same Elasticsearch
        IngestService.Outcome later = ingest(restarted, snapshot("2026-11-28T13:00:00Z", 1, 2));

        assertThat(sink.searches).isEqualTo(1);
        assertThat(later.removed()).isEqualTo(1);
    }

    @Test
    void aDiffRecordsTheTypeSoTheNextSnapshotSearches() {
        IngestService service = service();
        ingest(service, batch(Batch.Mode.DIFF, "2026-11-28T12:00:00Z", 1, 2));

        IngestService.Outcome snapshot = ingest(service, snapshot("2026-11-28T13:00:00Z", 2));

        assertThat(sink.searches).isEqualTo(1);
        assertThat(snapshot.removed()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseRecordFailedMakesTheNextSnapshotSearchEvenIfItCreatesTheRecord() {
        IngestService service = service();
        sink.unavailable = RECORDS;

        assertThatThrownBy(() -> ingest(service, snapshot("2026-11-28T12:00:00Z", 1, 2)))
                .isInstanceOf(IngestUnavailableException.class)
                .hasMessage(
                        "Elasticsearch could not take part of the batch; retry it (what was written will not be duplicated)");
        assertThat(sink.stored.keySet())
                .as("the items went in, the record did not")
                .filteredOn(key -> key.startsWith("agent7-process/"))
                .hasSize(2);

        sink.unavailable = null; // Elasticsearch is back; the agent dropped that batch and sends a new snapshot
        IngestService.Outcome next = ingest(service, snapshot("2026-11-28T13:00:00Z", 2));

        assertThat(sink.stored).containsKey(RECORDS + "/" + AGENT.hostId() + ".process");
        assertThat(sink.searches).isEqualTo(1);
        assertThat(next.removed())
                .as("item 1, written by the failed batch, is found gone")
                .isEqualTo(1);
    }

    @Test
    void aFailedFirstBatchRetriedOnAnotherInstanceSkipsTheSearch() {
        sink.unavailable = RECORDS;
        assertThatThrownBy(() -> ingest(service(), snapshot("2026-11-28T12:00:00Z", 1, 2)))
                .isInstanceOf(IngestUnavailableException.class);

        sink.unavailable = null;
        IngestService.Outcome retried = ingest(service(), snapshot("2026-11-28T12:00:00Z", 1, 2));

        assertThat(retried.unchanged()).isEqualTo(2);
        assertThat(sink.searches).isZero();
    }

    @Test
    void theAnswerWaitsForElasticsearchWithoutHoldingTheCaller() {
        sink.holding = true;

        CompletableFuture<IngestService.Outcome> answer =
                service().ingest(AGENT, snapshot("2026-11-28T12:00:00Z", 1, 2));

        assertThat(answer).as("written, not yet acknowledged").isNotDone();
        sink.acknowledge();
        assertThat(answer).isCompletedWithValueMatching(outcome -> outcome.created() == 2 && outcome.received() == 2);
    }

    @Test
    void writesNotAcknowledgedWithinTheWriteTimeoutAreAnswered503() {
        sink.holding = true;

        CompletableFuture<IngestService.Outcome> answer =
                service(Duration.ofMillis(50)).ingest(AGENT, snapshot("2026-11-28T12:00:00Z", 1, 2));

        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(IngestUnavailableException.class)
                .hasMessage("Elasticsearch did not acknowledge the batch within 50ms; retry it");
    }

    @Test
    void aBatchSentAgainWhileItsWritesAreQueuedJoinsThemInsteadOfQueueingThemTwice() throws Exception {
        sink.holding = true;
        IngestService service = service(Duration.ofMillis(50));
        Batch batch = snapshot("2026-11-28T12:00:00Z", 1, 2, 3);

        CompletableFuture<IngestService.Outcome> first = service.ingest(AGENT, batch);
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(IngestUnavailableException.class);
        int calls = sink.calls.size();
        CompletableFuture<IngestService.Outcome> again = service.ingest(AGENT, batch);
        CompletableFuture<IngestService.Outcome> andAgain = service.ingest(AGENT, batch);

        assertThat(sink.calls).as("no write queued twice").hasSize(calls);
        sink.acknowledge();
        assertThat(again.get(5, TimeUnit.SECONDS).created()).isEqualTo(3);
        assertThat(andAgain.get(5, TimeUnit.SECONDS).created()).isEqualTo(3);

        IngestService.Outcome later = ingest(service, batch);
        assertThat(later.unchanged())
                .as("once acknowledged, a copy is written again (and changes nothing)")
                .isEqualTo(3);
        assertThat(sink.calls).hasSizeGreaterThan(calls);
    }

    @Test
    void aBatchIdReusedForOtherContentsIsNotJoined() throws Exception {
        sink.holding = true;
        IngestService service = service();
        CompletableFuture<IngestService.Outcome> first = service.ingest(AGENT, snapshot("2026-11-28T12:00:00Z", 1, 2));
        int calls = sink.calls.size();

        CompletableFuture<IngestService.Outcome> other =
                service.ingest(AGENT, snapshot("2026-11-28T12:00:00Z", 1, 2, 3));

        assertThat(sink.calls).hasSizeGreaterThan(calls);
        sink.acknowledge();
        assertThat(first.get(5, TimeUnit.SECONDS).received()).isEqualTo(2);
        assertThat(other.get(5, TimeUnit.SECONDS).received()).isEqualTo(3);
    }

    @Test
    void theHostTypeIsAlsoWrittenByCheckInsSoItsSnapshotsAlwaysSearch() {
        ItemTypes types = new ItemTypes(Schema.standard());
        assertThat(types.recorded(AGENT.hostId(), Schema.standard().require("host"), true))
                .isFalse();
        assertThat(types.recorded(AGENT.hostId(), PROCESS, true)).isTrue();
        assertThat(types.unrecorded(AGENT.hostId(), PROCESS, "2026-11-28T12:00:00.000Z"))
                .isNull();
        assertThat(types.unrecorded("another-host", PROCESS, "2026-11-28T12:00:00.000Z"))
                .isNotNull();
    }

    @Test
    void seriesKeepNoRecord() {
        DataType metric = Schema.standard().types().stream()
                .filter(DataType::series)
                .findFirst()
                .orElseThrow();
        ingest(
                service(),
                new Batch(
                        "m", Batch.Mode.SNAPSHOT, metric, Instant.parse("2026-11-28T12:00:00Z"), List.of(), List.of()));
        assertThat(sink.calls).noneMatch(call -> !call.isEmpty() && call.get(0).startsWith(RECORDS));
        assertThat(sink.searches).isZero();
    }

    @Test
    void aBatchDatedAheadOfTheServerIsWrittenAsCollectedNowAndTheSkewReported() {
        ingest(service(), snapshot("2026-11-29T13:30:00Z", 1));

        String stored = new String(sink.stored.entrySet().stream()
                .filter(e -> e.getKey().startsWith("agent7-process/"))
                .findFirst()
                .orElseThrow()
                .getValue());
        assertThat(JSON.readTree(stored).path("upsert").path("@timestamp").asString())
                .as("first seen: the server's time, not the agent's")
                .isEqualTo("2026-11-28T13:30:00.000Z");
        assertThat(skews).containsExactly(Duration.ofDays(1));
    }

    @Test
    void aBatchOlderThanTheMaximumAgeIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> ingest(service(), snapshot("2026-11-21T13:29:59Z", 1, 2)))
                .isInstanceOf(BatchTooOldException.class)
                .hasMessageContaining("more than 7d before the server's time 2026-11-28T13:30:00.000Z");
        assertThat(sink.calls).as("not even the type's record").isEmpty();
    }

    @Test
    void aBatchThatUpsertsAndRemovesTheSameItemIsInvalidAndWritesNothing() {
        Batch both = new Batch(
                "b",
                Batch.Mode.DIFF,
                PROCESS,
                Instant.parse("2026-11-28T12:00:00Z"),
                snapshot("2026-11-28T12:00:00Z", 1, 2).documents(),
                snapshot("2026-11-28T12:00:00Z", 2).documents());

        assertThatThrownBy(() -> ingest(service(), both))
                .isInstanceOf(InvalidBatchException.class)
                .hasMessageStartingWith("The batch both upserts and removes item ")
                .hasMessageEndingWith("; send one or the other");
        assertThat(sink.calls).isEmpty();
    }

    @Test
    void documentsElasticsearchRefusesAreNamedWithItsReason() {
        sink.refusing = "agent7-process";

        assertThatThrownBy(() -> ingest(service(), snapshot("2026-11-28T12:00:00Z", 1, 2, 3)))
                .isInstanceOfSatisfying(DocumentsRefusedException.class, refused -> {
                    assertThat(refused.getMessage()).isEqualTo("Elasticsearch refused 3 documents of the batch");
                    assertThat(refused.refusals())
                            .extracting(DocumentsRefusedException.Refusal::reason)
                            .containsOnly("document_parsing_exception: failed to parse");
                });
    }

    @Test
    void aFullQueueAsksTheAgentToComeBackAndWritesNothing() {
        sink.room = false;

        assertThatThrownBy(() -> ingest(service(), snapshot("2026-11-28T12:00:00Z", 1)))
                .isInstanceOf(IngestUnavailableException.class)
                .hasMessage("The ingest queue is full while Elasticsearch catches up; retry later");
        assertThat(sink.calls).isEmpty();
    }

    /** Documents by index/id; an update creates, changes or leaves a document as Elasticsearch would. */
    private static final class Sink implements DocumentSink, PresentItems {
        final Map<String, byte[]> stored = new LinkedHashMap<>();
        final List<List<String>> calls = new ArrayList<>();
        int searches;
        String unavailable;
        /** Writes to this index are refused for what they hold, as a mapping conflict is. */
        String refusing;

        boolean room = true;
        /** While true, writes are taken but not acknowledged until {@link #acknowledge()}. */
        boolean holding;

        final List<Runnable> held = new ArrayList<>();

        synchronized void acknowledge() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }

        @Override
        public synchronized CompletableFuture<List<Result>> write(List<Write> writes) {
            List<Result> results = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Write write : writes) {
                String key = write.index() + "/" + write.id();
                keys.add(key);
                if (write.index().equals(unavailable)) {
                    results.add(new Result(write.id(), Outcome.UNAVAILABLE, "es_rejected_execution_exception"));
                    continue;
                }
                if (write.index().equals(refusing)) {
                    results.add(new Result(write.id(), Outcome.FAILED, "document_parsing_exception: failed to parse"));
                    continue;
                }
                byte[] before = stored.get(key);
                boolean removal = new String(write.action()).contains("\"present\":false");
                if (before == null && removal) {
                    results.add(new Result(write.id(), Outcome.MISSING, null));
                } else if (before == null) {
                    stored.put(key, write.action());
                    results.add(new Result(write.id(), Outcome.CREATED, null));
                } else if (docPart(before).equals(docPart(write.action()))
                        || write.index().equals(RECORDS)) {
                    results.add(new Result(write.id(), Outcome.UNCHANGED, null));
                } else {
                    stored.put(key, write.action());
                    results.add(new Result(write.id(), Outcome.UPDATED, null));
                }
            }
            calls.add(keys);
            if (holding) {
                CompletableFuture<List<Result>> later = new CompletableFuture<>();
                held.add(() -> later.complete(results));
                return later;
            }
            return CompletableFuture.completedFuture(results);
        }

        @Override
        public boolean hasRoomFor(int count) {
            return room;
        }

        @Override
        public synchronized List<String> idsNotIn(
                String index, String routing, String hostId, Set<String> keep, Instant before) {
            searches++;
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                String id = e.getKey().substring(e.getKey().indexOf('/') + 1);
                if (e.getKey().startsWith(index + "/")
                        && !keep.contains(id)
                        && !new String(e.getValue()).contains("\"present\":false")) {
                    gone.add(id);
                }
            }
            return gone;
        }

        @Override
        public synchronized Set<String> among(String index, String routing, String hostId, Set<String> ids) {
            Set<String> present = new HashSet<>();
            for (String id : ids) {
                if (stored.containsKey(index + "/" + id)) {
                    present.add(id);
                }
            }
            return present;
        }
    }

    /**
     * What Elasticsearch compares with {@code detect_noop} when the item exists: the update's
     * {@code doc}, not its {@code upsert} (which holds the ingest time, new at every write).
     */
    static String docPart(byte[] action) {
        String text = new String(action, java.nio.charset.StandardCharsets.UTF_8);
        int upsert = text.indexOf(",\"upsert\":");
        return upsert < 0 ? text : text.substring(0, upsert);
    }
}
