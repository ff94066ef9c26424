package io.agent7.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Batch;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SyncStateTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    static ObjectNode process(int pid, String name) {
        return (ObjectNode) JSON.readTree(
                "{\"process\":{\"pid\":" + pid + ",\"start\":\"2026-11-28T10:00:00Z\",\"name\":\"" + name + "\"}}");
    }

    @Test
    void firstBatchIsASnapshotThenOnlyChangesAreSent() {
        SyncState state = SyncState.fresh(Schema.standard().require("process"), "host-1");
        SyncState.Batched first = state.next(List.of(process(1, "a"), process(2, "b"), process(3, "c")), T0, false);
        assertThat(first.batch().mode()).isEqualTo(Batch.Mode.SNAPSHOT);
        assertThat(first.batch().documents()).hasSize(3);
        state.commit(first);

        SyncState.Batched same =
                state.next(List.of(process(1, "a"), process(2, "b"), process(3, "c")), T0.plusSeconds(60), false);
        assertThat(same.batch().isEmpty()).isTrue();
        state.commit(same);

        SyncState.Batched diff = state.next(
                List.of(process(1, "a"), process(2, "b-renamed"), process(4, "d")), T0.plusSeconds(120), false);
        assertThat(diff.batch().mode()).isEqualTo(Batch.Mode.DIFF);
        assertThat(diff.batch().documents())
                .extracting(d -> d.path("process").path("pid").asInt())
                .containsExactlyInAnyOrder(2, 4);
        assertThat(diff.batch().removals())
                .singleElement()
                .satisfies(removed -> assertThat(removed.toString())
                        .isEqualTo("{\"process\":{\"pid\":3,\"start\":\"2026-11-28T10:00:00Z\"}}"));
    }

    @Test
    void aSeriesSendsEachNewSampleAndNeverRemovesEarlierOnes() {
        SyncState state = SyncState.fresh(Schema.standard().require("system_metric"), "host-1");
        for (int minute = 0; minute < 3; minute++) {
            Instant at = T0.plusSeconds(60L * minute);
            ObjectNode sample = (ObjectNode) JSON.readTree(
                    "{\"system_metric\":{\"sampled_at\":\"" + at + "\",\"cpu\":{\"pct\":" + (10 + minute) + "}}}");
            SyncState.Batched next = state.next(List.of(sample), at, false);
            assertThat(next.batch().documents()).hasSize(1);
            assertThat(next.batch().removals())
                    .as("the server refuses removals of a series")
                    .isEmpty();
            state.commit(next);
        }
    }

    @Test
    void aGapOrTheIntervalForcesAFullSnapshot() {
        SyncState state = SyncState.fresh(Schema.standard().require("process"), "host-1");
        state.commit(state.next(List.of(process(1, "a")), T0, false));
        state.requireSnapshot();
        SyncState.Batched afterGap = state.next(List.of(process(1, "a")), T0.plusSeconds(60), false);
        assertThat(afterGap.batch().mode()).isEqualTo(Batch.Mode.SNAPSHOT);
        assertThat(afterGap.batch().documents()).hasSize(1);
        state.commit(afterGap);
        assertThat(state.needsSnapshot()).isFalse();
        assertThat(state.next(List.of(process(1, "a")), T0.plusSeconds(120), true)
                        .batch()
                        .mode())
                .isEqualTo(Batch.Mode.SNAPSHOT);
    }

    @Test
    void stateSurvivesARestartThroughTheStore(@TempDir Path dir) throws Exception {
        var type = Schema.standard().require("process");
        SyncState state = SyncState.fresh(type, "host-1");
        List<ObjectNode> docs = new ArrayList<>(List.of(process(1, "a"), process(2, "b")));
        state.commit(state.next(docs, T0, false));
        SyncStore store = new SyncStore(dir, "host-1");
        store.save(state, T0);

        SyncStore.Loaded loaded = store.load(type);
        assertThat(loaded.lastSnapshot()).isEqualTo(T0);
        docs.remove(1);
        SyncState.Batched next = loaded.state().next(docs, T0.plusSeconds(60), false);
        assertThat(next.batch().mode()).isEqualTo(Batch.Mode.DIFF);
        assertThat(next.batch().documents()).isEmpty();
        assertThat(next.batch().removals()).hasSize(1);

        // Another host's state, or a broken file, starts over with a snapshot.
        assertThat(new SyncStore(dir, "host-2").load(type).state().needsSnapshot())
                .isTrue();
        java.nio.file.Files.writeString(dir.resolve("sync/process.json"), "{broken");
        assertThat(store.load(type).state().needsSnapshot()).isTrue();
    }

    @Test
    void aLargeStateRoundTripsThroughTheStoreItemByItem(@TempDir Path dir) throws Exception {
        // A busy server's connection table: the store streams it rather than building one tree.
        var type = Schema.standard().require("process");
        List<ObjectNode> docs = new ArrayList<>();
        for (int pid = 1; pid <= 20_000; pid++) {
            docs.add(process(pid, "prozeß-" + pid));
        }
        SyncState state = SyncState.fresh(type, "host-1");
        state.commit(state.next(docs, T0, false));
        SyncStore store = new SyncStore(dir, "host-1");
        store.save(state, T0.plusSeconds(5));

        SyncStore.Loaded loaded = store.load(type);
        assertThat(loaded.lastSnapshot()).isEqualTo(T0.plusSeconds(5));
        assertThat(loaded.state().needsSnapshot()).isFalse();
        assertThat(loaded.state().sent()).isEqualTo(state.sent());
        // And a truncated file (a crash mid-write of the temporary file that still got moved) starts over.
        Path file = dir.resolve("sync/process.json");
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(store.load(type).state().needsSnapshot()).isTrue();
        assertThat(store.load(type).state().sent()).isEmpty();
    }

    @Test
    void aPassHandsEachUpsertOverAsItsDocumentComesAndTheRemovalsLast() {
        SyncState state = SyncState.fresh(Schema.standard().require("process"), "host-1");
        state.commit(state.next(List.of(process(1, "a"), process(2, "b")), T0, false));

        List<String> events = new ArrayList<>();
        SyncState.Pass pass = state.pass(
                state.nextHeader(T0.plusSeconds(60), false),
                SyncState.Output.of(
                        document -> events.add(
                                "upsert " + document.path("process").path("pid").asInt()),
                        identity -> events.add(
                                "remove " + identity.path("process").path("pid").asInt())));
        pass.accept(process(1, "a"));
        pass.accept(process(3, "c"));
        assertThat(events).as("handed over at once, not held").containsExactly("upsert 3");
        pass.accept(process(3, "c-again"));
        assertThat(events).as("the same item twice: the first counts").containsExactly("upsert 3");

        SyncState.Next next = pass.finish();
        assertThat(events).containsExactly("upsert 3", "remove 2");
        assertThat(next.header().mode()).isEqualTo(Batch.Mode.DIFF);
        assertThat(next.upserts()).isEqualTo(1);
        assertThat(next.removals()).isEqualTo(1);
        assertThat(pass.items()).isEqualTo(2);
        assertThat(state.sent()).as("nothing changes before the commit").hasSize(2);
        state.commit(next);
        assertThat(state.sent().values())
                .extracting(Item::identity)
                .containsExactlyInAnyOrder(
                        "{\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00Z\"}}",
                        "{\"process\":{\"pid\":3,\"start\":\"2026-11-28T10:00:00Z\"}}");
    }

    @Test
    void aDocumentTheSchemaRefusesSpoilsThePassAndNothingElseIsHandedOver() {
        SyncState state = SyncState.fresh(Schema.standard().require("process"), "host-1");
        List<ObjectNode> upserts = new ArrayList<>();
        SyncState.Pass pass = state.pass(state.nextHeader(T0, false), SyncState.Output.of(upserts::add, identity -> {
            throw new AssertionError("a snapshot has no removals");
        }));
        pass.accept(process(1, "a"));
        pass.accept((ObjectNode) JSON.readTree("{\"process\":{\"pid\":7,\"start\":\"yesterday\"}}"));
        pass.accept(process(2, "b"));

        assertThat(pass.invalid()).contains("yesterday");
        assertThat(upserts).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(pass::finish).isInstanceOf(IllegalStateException.class);
        assertThat(state.needsSnapshot()).isTrue();
        assertThat(state.sent()).isEmpty();
    }

    @Test
    void aCancelledPassStopsItsCollectorAtTheNextDocument() {
        SyncState state = SyncState.fresh(Schema.standard().require("process"), "host-1");
        SyncState.Pass pass =
                state.pass(state.nextHeader(T0, false), SyncState.Output.of(document -> {}, identity -> {}));
        pass.accept(process(1, "a"));
        pass.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pass.accept(process(2, "b")))
                .isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessageContaining("process");
    }
}
