package io.agent7.search.alerts;

import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Applies analysts' changes to alerts: read, change, write only over the version read. When
 * someone else wrote an alert in between (another analyst, or the engine adding a match), the
 * write is refused and the change is applied again to what they wrote, so that nothing either
 * of them did is lost: two notes written at once are both kept. Every change made is audited.
 */
@Component
class Triage {

    /**
     * Attempts per alert before giving up: each conflict means someone else's write landed
     * first, so the next attempt, made on their version, usually succeeds.
     */
    static final int ATTEMPTS = 5;

    static final int MAX_IDS = 1000;

    private final AlertStore store;
    private final AuditLog audit;
    private final Clock clock;

    Triage(AlertStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who asks, as the audit record names them. */
    record Actor(String name, List<String> roles, String address) {}

    /** What became of one alert. */
    record Result(String id, Kind kind, String detail, Alert alert) {
        enum Kind {
            CHANGED,
            UNCHANGED,
            REFUSED,
            NOT_FOUND,
            /** Written by others at every attempt. */
            CONFLICT,
            FAILED;

            String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** The change to one alert. */
    Result apply(String id, Change change, Actor actor) {
        return applyAll(List.of(id), change, actor).get(0);
    }

    /** The change to each of the alerts, one result per distinct id, in the order given. */
    List<Result> applyAll(List<String> ids, Change change, Actor actor) {
        if (ids.size() > MAX_IDS) {
            throw new AlertInputException("ids holds " + ids.size() + " alerts; at most " + MAX_IDS + " at once");
        }
        Map<String, Result> results = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(ids);
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !pause(attempt)) {
                break;
            }
            pending = attempt(pending, change, actor, results);
        }
        for (String id : pending) {
            results.put(
                    id,
                    new Result(
                            id,
                            Result.Kind.CONFLICT,
                            "written by someone else at each of " + ATTEMPTS + " attempts; try again",
                            null));
        }
        List<Result> ordered = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> ordered.add(results.get(id)));
        return ordered;
    }

    /** One read-change-write round; answers the ids someone else wrote in between. */
    private Set<String> attempt(Set<String> ids, Change change, Actor actor, Map<String, Result> results) {
        Map<String, AlertStore.Stored> read = store.read(ids);
        Instant now = clock.instant();
        List<AlertStore.Replacement> writes = new ArrayList<>();
        for (String id : ids) {
            AlertStore.Stored stored = read.get(id);
            if (stored == null) {
                results.put(id, new Result(id, Result.Kind.NOT_FOUND, "no alert '" + id + "'", null));
                continue;
            }
            Change.Outcome outcome = change.apply(stored.alert(), actor.name(), now);
            if (outcome instanceof Change.Outcome.Changed changed) {
                writes.add(new AlertStore.Replacement(id, changed.document(), stored.version()));
            } else if (outcome instanceof Change.Outcome.Unchanged unchanged) {
                results.put(id, new Result(id, Result.Kind.UNCHANGED, unchanged.why(), stored.alert()));
            } else if (outcome instanceof Change.Outcome.Refused refused) {
                results.put(id, new Result(id, Result.Kind.REFUSED, refused.why(), stored.alert()));
            }
        }
        Map<String, AlertStore.WriteResult> written = store.replace(writes);
        Set<String> conflicts = new LinkedHashSet<>();
        for (AlertStore.Replacement write : writes) {
            AlertStore.WriteResult result = written.get(write.id());
            if (result == null) {
                throw new IllegalStateException("The store gave no answer for alert " + write.id());
            }
            switch (result.kind()) {
                case WRITTEN -> {
                    results.put(
                            write.id(),
                            new Result(write.id(), Result.Kind.CHANGED, null, new Alert(write.id(), write.document())));
                    audit.record(new AuditEvent(
                            change.action(),
                            true,
                            actor.name(),
                            actor.roles(),
                            actor.address(),
                            write.id(),
                            null,
                            change.details()));
                }
                case CONFLICT -> conflicts.add(write.id());
                case FAILED ->
                    results.put(write.id(), new Result(write.id(), Result.Kind.FAILED, result.error(), null));
            }
        }
        return conflicts;
    }

    /**
     * A few milliseconds, more at each attempt and jittered, so that writers who collided do
     * not collide again in step. False when the thread is interrupted.
     */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
