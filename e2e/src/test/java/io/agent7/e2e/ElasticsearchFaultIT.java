package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.FaultProxy;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Elasticsearch fails under load in every way it can, again and again, while hosts post
 * through the ingest API: killed with SIGKILL at chosen moments, its port closed, its
 * socket silent. After each fault the API must serve every host again within a bounded
 * time, say so on its readiness probe (DOWN while its writes are stuck, UP after), and in
 * the end the index must hold exactly what the hosts sent, each acknowledged batch once.
 * The API runs with short deadlines so that a fault outlasts them many times over.
 */
class ElasticsearchFaultIT {

    static final int HOSTS = 16;
    static final int BATCH = 100;
    /**
     * 1,600 documents a second in all: a bulk is always in flight, yet the node has the cores
     * to restart (at 3,200 it saturated both, and a round took half again as long).
     */
    static final Duration PACE = Duration.ofSeconds(1);
    /** Within this, once Elasticsearch is back, every host's posts must succeed again. */
    static final Duration RECOVERY = Duration.ofSeconds(60);

    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(4);

    static ElasticsearchNode node;
    /** What the test did to Elasticsearch and when, for failure messages. */
    static final List<String> events = new CopyOnWriteArrayList<>();

    static void event(String what) {
        events.add(Instant.now() + " " + what);
    }

    @BeforeAll
    static void startNode() {
        node = ElasticsearchNode.start("faults");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Where a round kills the node. */
    enum Moment {
        /** at a random point while hosts post */
        ANY,
        /** while a bulk request is in flight */
        BULK_IN_FLIGHT,
        /** just as it came back, while the API leases new connections to it */
        RECONNECTING
    }

    @Test
    void recoversFromTheNodeBeingKilledAtAnyMoment() throws Exception {
        // Ten rounds, each moment at least three times: about 35 s a round, 55 s with two kills.
        List<Moment> rounds = List.of(
                Moment.ANY,
                Moment.BULK_IN_FLIGHT,
                Moment.RECONNECTING,
                Moment.ANY,
                Moment.BULK_IN_FLIGHT,
                Moment.RECONNECTING,
                Moment.ANY,
                Moment.BULK_IN_FLIGHT,
                Moment.RECONNECTING,
                Moment.ANY);
        try (ServiceProcess ingest = startIngest(node.url());
                Fleet fleet = Fleet.start(ingest)) {
            fleet.awaitAllPosting(System.nanoTime(), RECOVERY);
            for (int round = 0; round < rounds.size(); round++) {
                Moment moment = rounds.get(round);
                if (moment == Moment.BULK_IN_FLIGHT) {
                    awaitBulkInFlight(ingest);
                } else {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(3_000));
                }
                node.kill();
                event("killed (" + moment + ")");
                Thread.sleep(ThreadLocalRandom.current().nextLong(2_000)); // posts fail meanwhile
                node.startAgain();
                event("back");
                if (moment == Moment.RECONNECTING) {
                    node.kill();
                    event("killed again");
                    node.startAgain();
                    event("back");
                }
                String what = "round " + round + " (killed " + moment + ")";
                long back = System.nanoTime();
                fleet.awaitAllPosting(back, RECOVERY, what, ingest);
                System.out.printf(
                        "%s: every host posting again %.1f s after the node was back%n",
                        what, (System.nanoTime() - back) / 1e9);
                fleet.readiness.awaitUp(Duration.ofSeconds(15), what);
                assertThat(fleet.readiness.downSinceLastCheck())
                        .as("readiness DOWN while the writes were stuck, " + what)
                        .isTrue();
            }
            fleet.finish(ingest);
        }
    }

    @Test
    void recoversFromARefusedPortAndASilentSocket() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(node.url());
                ServiceProcess ingest = startIngest(proxy.url());
                Fleet fleet = Fleet.start(ingest)) {
            fleet.awaitAllPosting(System.nanoTime(), RECOVERY);
            List<FaultProxy.Mode> faults = List.of(
                    FaultProxy.Mode.REFUSE, FaultProxy.Mode.SILENT, FaultProxy.Mode.SILENT, FaultProxy.Mode.REFUSE);
            for (int round = 0; round < faults.size(); round++) {
                String what = "round " + round + " (" + faults.get(round) + ")";
                Thread.sleep(ThreadLocalRandom.current().nextLong(2_000));
                proxy.set(faults.get(round));
                event(faults.get(round).toString());
                // Three write timeouts: hosts are answered 503 and retry, bulks time out and retry.
                fleet.readiness.awaitDown(WRITE_TIMEOUT.multipliedBy(3), what);
                Thread.sleep(WRITE_TIMEOUT.multipliedBy(3).toMillis());
                proxy.set(FaultProxy.Mode.PASS);
                event("PASS");
                long back = System.nanoTime();
                fleet.awaitAllPosting(back, RECOVERY, what, ingest);
                System.out.printf(
                        "%s: every host posting again %.1f s after the fault ended%n",
                        what, (System.nanoTime() - back) / 1e9);
                fleet.readiness.awaitUp(Duration.ofSeconds(15), what);
            }
            fleet.finish(ingest);
        }
    }

    private static ServiceProcess startIngest(URI elasticsearch) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT7_ELASTICSEARCH_URL", elasticsearch.toString());
        env.put(
                "AGENT7_STATE_DIR",
                Files.createTempDirectory("agent7-e2e-faults-server").toString());
        env.put("AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        env.put("AGENT7_BOOTSTRAP_SITE_KEY", Fleet.SITE_KEY);
        env.put("AGENT7_RETRY_AFTER", "1s");
        return ServiceProcess.start(
                "ingest-api",
                env,
                "--agent7.ingest.write-timeout=" + WRITE_TIMEOUT.toSeconds() + "s",
                "--agent7.ingest.stall-timeout=" + STALL_TIMEOUT.toSeconds() + "s",
                // request timeout + the longest retry backoff (12 s) + margin
                "--agent7.ingest.wedge-timeout=30s",
                "--agent7.elasticsearch.socket-timeout=8s",
                "--agent7.elasticsearch.request-timeout=10s");
    }

    /** Waits until the API has a bulk request out to Elasticsearch. */
    static void awaitBulkInFlight(ServiceProcess ingest) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> metric(ingest, "agent7_bulk_requests_in_flight") > 0);
    }

    /** A gauge's value as the API's Prometheus endpoint shows it. */
    private static double metric(ServiceProcess ingest, String name) throws Exception {
        HttpResponse<String> response = FleetSupport.HTTP.send(
                HttpRequest.newBuilder(ingest.managementUrl("/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the API's metrics"));
    }

    /** The posting hosts of one test, and the API's readiness as seen while they post. */
    static final class Fleet implements AutoCloseable {

        static final String SITE_KEY = "sk_e2e_faults_0123456789abcdef";

        final List<PostingHost> hosts;
        final HealthProbe readiness;
        final HealthProbe liveness;

        private Fleet(List<PostingHost> hosts, HealthProbe readiness, HealthProbe liveness) {
            this.hosts = hosts;
            this.readiness = readiness;
            this.liveness = liveness;
        }

        static Fleet start(ServiceProcess ingest) throws Exception {
            List<PostingHost> hosts = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                hosts.add(PostingHost.start(ingest.url("/"), SITE_KEY, BATCH, PACE));
            }
            return new Fleet(hosts, HealthProbe.watch(ingest, "readiness"), HealthProbe.watch(ingest, "liveness"));
        }

        void awaitAllPosting(long since, Duration limit) {
            Awaitility.await()
                    .atMost(limit)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> hosts.stream().allMatch(h -> h.acknowledgedSince(since)));
        }

        /** Every host has had a post acknowledged since {@code since}, within {@code limit}; else the API's threads. */
        void awaitAllPosting(long since, Duration limit, String what, ServiceProcess ingest) {
            try {
                awaitAllPosting(since, limit);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                long stuck =
                        hosts.stream().filter(h -> !h.acknowledgedSince(since)).count();
                throw new AssertionError(
                        stuck + " of " + hosts.size() + " hosts had no post acknowledged within " + limit.toSeconds()
                                + "s after " + what + ". The ingest API's threads:\n" + ingest.threadDump());
            }
        }

        /**
         * Stops the hosts (each once its batch in hand is acknowledged) and compares the index
         * with what they sent; then checks the API for deadlocked threads.
         */
        void finish(ServiceProcess ingest) throws Exception {
            for (PostingHost host : hosts) {
                assertThat(host.stop(RECOVERY))
                        .as("host %s got its last batch acknowledged", host.hostId())
                        .isTrue();
            }
            long resent = 0;
            JsonNode refreshed = TestElasticsearch.send(node.url(), "POST", "/agent7-process/_refresh", null);
            assertThat(refreshed.path("_shards").path("failed").asInt())
                    .as("refresh: %s", refreshed)
                    .isZero();
            for (PostingHost host : hosts) {
                assertThat(host.unexpected())
                        .as("answers no retry fixes, host %s", host.hostId())
                        .isEmpty();
                JsonNode count = TestElasticsearch.send(
                        node.url(),
                        "POST",
                        "/agent7-process/_count",
                        "{\"query\":{\"term\":{\"host.id\":\"" + host.hostId() + "\"}}}");
                // Every one it sent, acknowledged or sent again until acknowledged; when not, which.
                if (count.path("count").asLong() != host.acknowledgedDocuments()) {
                    throw new AssertionError("documents of host " + host.hostId() + ": " + count.path("count")
                            + " in the index, " + host.acknowledgedDocuments() + " acknowledged.\n" + missing(host)
                            + "Faults: " + events);
                }
                resent += host.resentDocuments();
            }
            assertThat(resent)
                    .as("documents sent again after a failed post (the faults reached the hosts)")
                    .isPositive();
            System.out.printf(
                    "%d documents acknowledged and in the index, %d of them sent again after a failed post%n",
                    hosts.stream().mapToLong(PostingHost::acknowledgedDocuments).sum(), resent);
            assertThat(liveness.everDown())
                    .as("liveness DOWN: the pipeline waited for Elasticsearch, it was never stuck")
                    .isFalse();
            String threads = ingest.threadDump();
            assertThat(threads).as("the ingest API's threads after the faults").doesNotContain("deadlock");
        }

        /** Which acknowledged batches lack documents in the index, and when they were acknowledged. */
        private static String missing(PostingHost host) {
            JsonNode found = TestElasticsearch.send(
                    node.url(),
                    "POST",
                    "/agent7-process/_search",
                    "{\"size\":10000,\"_source\":[\"process.pid\"],\"query\":{\"term\":{\"host.id\":\"" + host.hostId()
                            + "\"}}}");
            Set<Integer> pids = new HashSet<>();
            found.path("hits")
                    .path("hits")
                    .forEach(hit -> pids.add(
                            hit.path("_source").path("process").path("pid").asInt()));
            StringBuilder out = new StringBuilder();
            for (PostingHost.Acknowledged batch : host.acknowledged()) {
                int absent = 0;
                for (int pid = batch.firstPid(); pid < batch.firstPid() + batch.count(); pid++) {
                    absent += pids.contains(pid) ? 0 : 1;
                }
                if (absent > 0) {
                    out.append("batch ")
                            .append(batch.batchId())
                            .append(" (pids ")
                            .append(batch.firstPid())
                            .append('+')
                            .append(batch.count())
                            .append(") acknowledged at ")
                            .append(batch.at())
                            .append(" after ")
                            .append(batch.attempts())
                            .append(" attempt(s): ")
                            .append(absent)
                            .append(" missing\n");
                }
            }
            return out.toString();
        }

        @Override
        public void close() {
            hosts.forEach(PostingHost::close);
            readiness.close();
            liveness.close();
        }
    }
}
