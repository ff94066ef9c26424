package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest API is killed with SIGKILL while hosts post through it, four times, and comes
 * back on the same port with the same signing keys: batches it held in memory, bulks in
 * flight and answers not yet sent are gone. The hosts send each batch again until it is
 * acknowledged. In the end every document any host had acknowledged is in Elasticsearch,
 * and no document was written twice.
 */
@ExtendWith(ElasticsearchExtension.class)
class IngestApiKillIT {

    static final int HOSTS = 8;
    /** Prime, so that bulks of the API's own sizes leave leftovers. */
    static final int BATCH = 53;

    static final Duration PACE = Duration.ofMillis(400);
    static final Duration RECOVERY = Duration.ofSeconds(90);
    static final int KILLS = 4;

    @Test
    void nothingAcknowledgedIsLostAndNothingIsWrittenTwiceWhenTheApiIsKilled() throws Exception {
        URI es = TestElasticsearch.url();
        String siteKey = "sk_e2e_kill_" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("AGENT7_ELASTICSEARCH_URL", es.toString());
        // Kept across kills: the signing keys in it are what the hosts' tokens were signed with.
        env.put(
                "AGENT7_STATE_DIR",
                Files.createTempDirectory("agent7-e2e-kill-server").toString());
        env.put("AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        env.put("AGENT7_BOOTSTRAP_SITE_KEY", siteKey);
        ServiceProcess ingest = ServiceProcess.start("ingest-api", env);
        int port = ingest.port();
        List<PostingHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                hosts.add(PostingHost.start(ingest.url("/"), siteKey, BATCH, PACE));
            }
            awaitAllPosting(hosts, System.nanoTime(), "the first posts");
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(500, 3_000));
                long[] acknowledged = hosts.stream()
                        .mapToLong(PostingHost::acknowledgedDocuments)
                        .toArray();
                ingest.kill();
                Thread.sleep(ThreadLocalRandom.current().nextLong(1_000)); // posts are refused meanwhile
                ingest = ServiceProcess.startOnPort("ingest-api", port, env);
                long back = System.nanoTime();
                awaitAllPosting(hosts, back, "kill " + kill);
                for (int i = 0; i < HOSTS; i++) {
                    assertThat(FleetSupport.written(es, hosts.get(i).hostId()).count())
                            .as("host %d's documents after kill %d: at least those acknowledged before it", i, kill)
                            .isGreaterThanOrEqualTo(acknowledged[i]);
                }
            }
            long resent = 0;
            for (PostingHost host : hosts) {
                assertThat(host.stop(RECOVERY))
                        .as("host %s got its last batch acknowledged", host.hostId())
                        .isTrue();
                resent += host.resentDocuments();
            }
            for (PostingHost host : hosts) {
                assertThat(host.unexpected())
                        .as("answers no retry fixes, host %s", host.hostId())
                        .isEmpty();
                long sent = host.acknowledgedDocuments();
                // Every batch was sent until acknowledged, so what was acknowledged is all that was
                // sent: processes 1..sent, each once, each written once.
                assertThat(FleetSupport.written(es, host.hostId()))
                        .as("host %s: processes 1..%d, each one document written once", host.hostId(), sent)
                        .isEqualTo(new FleetSupport.Written(sent, 1, sent, 0));
            }
            assertThat(resent)
                    .as("documents sent again after a post the kill cut off (the kills reached the hosts)")
                    .isPositive();
            System.out.printf(
                    "%d documents acknowledged, in the index once each; %d of them sent again after a kill%n",
                    hosts.stream().mapToLong(PostingHost::acknowledgedDocuments).sum(), resent);
        } finally {
            hosts.forEach(PostingHost::close);
            ingest.close();
        }
    }

    private static void awaitAllPosting(List<PostingHost> hosts, long since, String what) {
        try {
            Awaitility.await()
                    .atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> hosts.stream().allMatch(h -> h.acknowledgedSince(since)));
        } catch (ConditionTimeoutException e) {
            long stuck = hosts.stream().filter(h -> !h.acknowledgedSince(since)).count();
            throw new AssertionError(stuck + " of " + hosts.size() + " hosts had no post acknowledged within "
                    + RECOVERY.toSeconds() + " s after " + what);
        }
    }
}
