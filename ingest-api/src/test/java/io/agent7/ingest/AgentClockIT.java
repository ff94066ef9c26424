package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.TestElasticsearch;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An agent's clock decides an item's first-seen and last-seen times only within bounds: a
 * batch dated ahead of the server is taken as collected now and the host's skew is recorded,
 * a batch older than the maximum age is refused.
 */
class AgentClockIT extends IngestApiIT {

    @Test
    void aBatchFromAClockADayAheadIsTakenAsCollectedNowAndTheSkewIsRecordedOnTheHost() {
        Agent agent = enroll();
        Response checkin = post("/api/v1/agents/checkin", agent.accessToken(), "application/json", "{}");
        assertThat(checkin.status()).as(checkin.toString()).isEqualTo(200);
        awaitHost(agent, host -> host.path("agent7").path("present").asBoolean());

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant dayAhead = before.plus(Duration.ofDays(1));
        Response ahead = ingest(
                agent,
                "process",
                header("b-1", "snapshot", dayAhead.toString()) + process(1, "2026-11-28T10:00:00Z", "init"));
        Instant after = Instant.now();

        assertThat(ahead.status()).as(ahead.toString()).isEqualTo(200);
        TestElasticsearch.refresh("agent7-process");
        JsonNode item = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-process/_search",
                        "{\"query\":{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}}}")
                .path("hits")
                .path("hits")
                .get(0)
                .path("_source");
        assertThat(Instant.parse(item.path("@timestamp").asString()))
                .as("first seen: the server's time, not a day ahead")
                .isBetween(before, after);
        assertThat(item.path("agent7").path("last_seen").asString())
                .isEqualTo(item.path("@timestamp").asString());

        JsonNode skewed = awaitHost(agent, host -> clockSkew(host) > 0);
        assertThat(clockSkew(skewed))
                .as("a day, less the time the post took")
                .isBetween(
                        Duration.ofDays(1).minusMinutes(1).toSeconds(),
                        Duration.ofDays(1).toSeconds());

        Response onTime = ingest(
                agent,
                "process",
                header("b-2", "snapshot", Instant.now().toString()) + process(1, "2026-11-28T10:00:00Z", "init"));
        assertThat(onTime.status()).as(onTime.toString()).isEqualTo(200);
        assertThat(clockSkew(awaitHost(agent, host -> clockSkew(host) == 0)))
                .as("the skew is gone once the batches come on time")
                .isZero();
    }

    @Test
    void aBatchOlderThanTheMaximumAgeIsRefusedSayingSoAndWritesNothing() {
        Agent agent = enroll();
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);

        Response old = ingest(
                agent,
                "process",
                header("b-1", "snapshot", eightDaysAgo.toString()) + process(1, "2026-11-28T10:00:00Z", "init"));

        assertThat(old.status()).as(old.toString()).isEqualTo(422);
        assertThat(old.body().path("detail").asString())
                .startsWith("The batch was collected at "
                        + eightDaysAgo.toString().replace("Z", ".000Z") + ", more than 7d before the server's time")
                .contains("(agent7.ingest.max-batch-age); nothing of it was written");
        assertThat(old.headers().firstValue("Retry-After")).isEmpty();
        assertThat(documentsOf("agent7-process", agent.hostId())).isZero();
        assertThat(documentsOf("agent7-item_type", agent.hostId()))
                .as("not even the record of the host's type")
                .isZero();
    }

    private static long clockSkew(JsonNode host) {
        return host.path("host_state").path("clock_skew").asLong(-1);
    }

    /**
     * The host's document once it satisfies {@code condition}. Check-ins and the skew are written
     * without the agent waiting for them, so the test waits, up to 30 s.
     */
    private static JsonNode awaitHost(Agent agent, Predicate<JsonNode> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode host = null;
        while (System.nanoTime() < until) {
            TestElasticsearch.refresh("agent7-host");
            JsonNode hits = TestElasticsearch.send(
                            TestElasticsearch.url(),
                            "POST",
                            "/agent7-host/_search",
                            "{\"query\":{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}}}")
                    .path("hits")
                    .path("hits");
            host = hits.isEmpty() ? null : hits.get(0).path("_source");
            if (host != null && condition.test(host)) {
                return host;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The host document of " + agent.hostId() + " never got there: " + host);
    }
}
