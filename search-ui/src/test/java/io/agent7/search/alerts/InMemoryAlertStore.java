package io.agent7.search.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hand-written store for {@link Triage}'s tests: versioned documents, conditional writes as
 * Elasticsearch makes them, and a hook that runs before each write so a test can play the
 * other writer (another analyst, the engine) landing first.
 */
final class InMemoryAlertStore implements AlertStore {

    private final Map<String, Stored> alerts = new LinkedHashMap<>();
    private long seqNo;
    int reads;
    int writes;
    /** Runs before the next {@link #replace}, with this store: whatever it writes lands first. */
    Consumer<InMemoryAlertStore> beforeWrite = store -> {};
    /** Runs before every {@link #replace}: a writer that always lands first. */
    Consumer<InMemoryAlertStore> beforeEveryWrite = store -> {};

    void put(String id, Map<String, Object> document) {
        alerts.put(id, new Stored(new Alert(id, document), new Version(++seqNo, 1)));
    }

    Alert get(String id) {
        return alerts.get(id).alert();
    }

    @Override
    public Map<String, Stored> read(Collection<String> ids) {
        reads++;
        Map<String, Stored> found = new LinkedHashMap<>();
        for (String id : ids) {
            if (alerts.containsKey(id)) {
                found.put(id, alerts.get(id));
            }
        }
        return found;
    }

    @Override
    public Map<String, WriteResult> replace(List<Replacement> replacements) {
        Consumer<InMemoryAlertStore> hook = beforeWrite;
        beforeWrite = store -> {};
        hook.accept(this);
        beforeEveryWrite.accept(this);
        writes++;
        Map<String, WriteResult> results = new LinkedHashMap<>();
        for (Replacement r : replacements) {
            Stored current = alerts.get(r.id());
            if (current == null || !current.version().equals(r.read())) {
                results.put(r.id(), WriteResult.CONFLICT);
            } else {
                put(r.id(), r.document());
                results.put(r.id(), WriteResult.WRITTEN);
            }
        }
        return results;
    }

    @Override
    public Page search(AlertFilter filter, String cursor, int size) {
        List<Alert> all = new ArrayList<>();
        alerts.values().forEach(s -> all.add(s.alert()));
        return new Page(all.subList(0, Math.min(size, all.size())), all.size(), true, null);
    }

    @Override
    public OpenCounts openCounts(int rules) {
        throw new UnsupportedOperationException("not needed by these tests");
    }
}
