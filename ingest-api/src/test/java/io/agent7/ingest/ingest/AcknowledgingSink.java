package io.agent7.ingest.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Takes every write at once as created, and finds nothing present; {@link #accepted} sees each write. */
class AcknowledgingSink implements DocumentSink, PresentItems {

    /** Called for each write as it is taken. */
    void accepted(Write write) {}

    @Override
    public CompletableFuture<List<Result>> write(List<Write> writes) {
        List<Result> results = new ArrayList<>(writes.size());
        for (Write write : writes) {
            accepted(write);
            results.add(new Result(write.id(), Outcome.CREATED, null));
        }
        return CompletableFuture.completedFuture(results);
    }

    @Override
    public boolean hasRoomFor(int count) {
        return true;
    }

    @Override
    public List<String> idsNotIn(String index, String routing, String hostId, Set<String> keep, Instant before) {
        return List.of();
    }

    @Override
    public Set<String> among(String index, String routing, String hostId, Set<String> ids) {
        return Set.of();
    }
}
