package io.agent7.e2e.rulepack;

import io.agent7.agent.transport.ServerException;
import io.agent7.rules.Rule;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the pack test plants for one rule: its fixture's match items on hosts of their own and
 * its near misses on others, all new to this run, so that nothing of another rule or test can
 * count. A step that fails is kept as the rule's failure, and the later steps skip the rule:
 * one fixture the ingest API refuses fails its own rule's test, not the pack's.
 */
public final class RulePlant {

    private final Rule rule;
    private final List<PackHost> matchHosts = new ArrayList<>();
    private final List<PackHost> nearMissHosts = new ArrayList<>();
    private Fixture fixture;
    private Throwable failure;

    /** A step of planting, which may fail. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    public RulePlant(Rule rule, Instant now, String run) {
        this.rule = rule;
        attempt(() -> fixture = Fixture.read(rule, now, run));
    }

    public Rule rule() {
        return rule;
    }

    public Fixture fixture() {
        return fixture;
    }

    /** Why planting failed, or null. */
    public Throwable failure() {
        return failure;
    }

    public List<PackHost> matchHosts() {
        return List.copyOf(matchHosts);
    }

    public List<PackHost> nearMissHosts() {
        return List.copyOf(nearMissHosts);
    }

    /**
     * Enrolls the rule's hosts on {@code pool}: one for its match items and one for its near
     * misses, or one per item when each item is a host's own: an absence rule's host
     * documents, and the items of a threshold not grouped by host (the same task on ten hosts
     * is ten items, on one host it would be one). Completes when all are enrolled.
     */
    public CompletableFuture<Void> enroll(Executor pool, URI ingest, String siteKey, String run) {
        if (failure != null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean perItem = rule.type() == Rule.Type.ABSENCE
                || (rule.type() == Rule.Type.THRESHOLD
                        && !rule.threshold().groupBy().contains("host.id"));
        List<CompletableFuture<PackHost>> match =
                enroll(pool, ingest, siteKey, run + "-" + rule.id() + "-m", perItem ? largest(fixture.match()) : 1);
        List<CompletableFuture<PackHost>> nearMiss =
                enroll(pool, ingest, siteKey, run + "-" + rule.id() + "-n", perItem ? largest(fixture.nearMiss()) : 1);
        return CompletableFuture.allOf(
                        Stream.concat(match.stream(), nearMiss.stream()).toArray(CompletableFuture[]::new))
                .handle((done, error) -> {
                    if (error != null) {
                        failure = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                    } else {
                        match.forEach(host -> matchHosts.add(host.join()));
                        nearMiss.forEach(host -> nearMissHosts.add(host.join()));
                    }
                    return null;
                });
    }

    private static List<CompletableFuture<PackHost>> enroll(
            Executor pool, URI ingest, String siteKey, String prefix, int count) {
        List<CompletableFuture<PackHost>> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "pack-" + prefix + i;
            hosts.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return PackHost.enroll(ingest, siteKey, name);
                        } catch (ServerException e) {
                            throw new CompletionException(e);
                        }
                    },
                    pool));
        }
        return hosts;
    }

    /**
     * A new-terms rule's history, before the window: on the match host, so that its items are
     * new for their values and not because the host is; on the near-miss host too when the
     * terms are per host (its near misses are values the host already had). A fleet-wide
     * rule's near misses are on another host than the history, as its fixture has them.
     */
    public void plantHistory() {
        if (rule.type() != Rule.Type.NEW_TERMS) {
            return;
        }
        attempt(() -> {
            post(fixture.history(), matchHosts);
            if (rule.newTerms().fields().contains("host.id")) {
                post(fixture.history(), nearMissHosts);
            }
        });
    }

    /** The match and near-miss items, in the window; an absence rule's hosts only check in. */
    public void plantItems() {
        if (rule.type() == Rule.Type.ABSENCE) {
            return;
        }
        attempt(() -> {
            post(fixture.match(), matchHosts);
            post(fixture.nearMiss(), nearMissHosts);
        });
    }

    /** An absence rule's match hosts check in (once: then they fall silent). */
    public void checkInMatch() {
        checkIn(fixture == null ? Map.of() : fixture.match(), matchHosts);
    }

    /** An absence rule's near-miss hosts check in, after its match hosts. */
    public void checkInNearMiss() {
        checkIn(fixture == null ? Map.of() : fixture.nearMiss(), nearMissHosts);
    }

    private void checkIn(Map<String, List<ObjectNode>> lists, List<PackHost> hosts) {
        if (rule.type() != Rule.Type.ABSENCE) {
            return;
        }
        attempt(() -> {
            List<ObjectNode> documents = lists.getOrDefault("host", List.of());
            if (documents.size() != lists.values().stream().mapToInt(List::size).sum()) {
                throw new IllegalStateException("An absence rule's items are host documents: " + lists.keySet());
            }
            for (int i = 0; i < documents.size(); i++) {
                hosts.get(i).checkin(documents.get(i));
            }
        });
    }

    /** Posts each type's documents: all on the one host, or item i on host i. */
    private static void post(Map<String, List<ObjectNode>> lists, List<PackHost> hosts) throws Exception {
        for (Map.Entry<String, List<ObjectNode>> list : lists.entrySet()) {
            List<ObjectNode> documents = list.getValue();
            if (hosts.size() == 1) {
                hosts.get(0).post(list.getKey(), documents);
                continue;
            }
            for (int i = 0; i < documents.size(); i++) {
                hosts.get(i).post(list.getKey(), List.of(documents.get(i)));
            }
        }
    }

    private static int largest(Map<String, List<ObjectNode>> lists) {
        return lists.values().stream().mapToInt(List::size).max().orElse(1);
    }

    private void attempt(Step step) {
        if (failure != null) {
            return;
        }
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            failure = e;
        }
    }
}
