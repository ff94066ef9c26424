package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.TestElasticsearch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What accepted batches do to the index: searchable at once, idempotent, diffs and removals. */
class IngestWritesIT extends IngestApiIT {

    @Test
    void anAcknowledgedBatchIsFullySearchableAndARepostWritesNothing() {
        Agent agent = enroll();
        StringBuilder body = new StringBuilder(header("b-1", "snapshot", yesterday("12:00:00")));
        for (int pid = 1; pid <= 97; pid++) {
            body.append(process(pid, "2026-11-28T10:00:00Z", "p" + pid));
        }
        Response first = send(
                "/api/v1/ingest/process",
                agent.accessToken(),
                "application/x-ndjson",
                "gzip",
                gzip(body.toString()),
                "POST");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("created").asInt()).isEqualTo(97);
        assertThat(documentsOf("agent7-process", agent.hostId())).isEqualTo(97);

        Response again = ingest(agent, "process", body.toString());
        assertThat(again.body().path("created").asInt()).isZero();
        assertThat(again.body().path("updated").asInt()).isZero();
        assertThat(again.body().path("unchanged").asInt()).isEqualTo(97);
        assertThat(documentsOf("agent7-process", agent.hostId())).isEqualTo(97);

        JsonNode stored = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-process/_search",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}},"
                                + "{\"term\":{\"process.pid\":42}}]}}}")
                .path("hits")
                .path("hits")
                .get(0)
                .path("_source");
        assertThat(stored.path("@timestamp").asString()).isEqualTo(yesterday("12:00:00.000"));
        assertThat(stored.path("agent7").path("present").asBoolean()).isTrue();
        assertThat(stored.path("host").path("name").asString()).isEqualTo("it-host");
        assertThat(stored.path("agent").path("id").asString()).isEqualTo(agent.agentId());
        assertThat(stored.path("process").path("entity_id").asString()).hasSize(43);
    }

    @Test
    void diffBatchesAddChangeAndRemoveAndKeepFirstSeen() {
        Agent agent = enroll();
        ingest(
                agent,
                "process",
                header("b-1", "snapshot", yesterday("12:00:00"))
                        + process(1, "2026-11-28T10:00:00Z", "a")
                        + process(2, "2026-11-28T10:00:00Z", "b"));
        Response diff = ingest(
                agent,
                "process",
                header("b-2", "diff", yesterday("12:05:00"))
                        + process(2, "2026-11-28T10:00:00Z", "b-renamed")
                        + process(3, "2026-11-28T12:04:00Z", "c")
                        + "{\"remove\":{\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00Z\"}}}\n");
        assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
        assertThat(diff.body().path("created").asInt()).isEqualTo(1);
        assertThat(diff.body().path("updated").asInt()).isEqualTo(1);
        assertThat(diff.body().path("removed").asInt()).isEqualTo(1);

        TestElasticsearch.refresh("agent7-process");
        JsonNode hits = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-process/_search",
                        "{\"sort\":[{\"process.pid\":\"asc\"}],\"query\":{\"term\":{\"host.id\":\"" + agent.hostId()
                                + "\"}}}")
                .path("hits")
                .path("hits");
        assertThat(hits).hasSize(3);
        JsonNode one = hits.get(0).path("_source");
        assertThat(one.path("agent7").path("present").asBoolean()).isFalse();
        assertThat(one.path("agent7").path("removed_at").asString()).isEqualTo(yesterday("12:05:00.000"));
        JsonNode two = hits.get(1).path("_source");
        assertThat(two.path("process").path("name").asString()).isEqualTo("b-renamed");
        assertThat(two.path("@timestamp").asString()).as("first seen stays").isEqualTo(yesterday("12:00:00.000"));
        assertThat(two.path("agent7").path("last_seen").asString()).isEqualTo(yesterday("12:05:00.000"));

        // Removing an item another time, or one that never existed, changes nothing.
        Response again = ingest(
                agent,
                "process",
                header("b-3", "diff", yesterday("12:10:00"))
                        + "{\"remove\":{\"process\":{\"pid\":1,\"start\":\"2026-11-28T10:00:00Z\"}}}\n"
                        + "{\"remove\":{\"process\":{\"pid\":99,\"start\":\"2026-11-28T10:00:00Z\"}}}\n");
        assertThat(again.body().path("removed").asInt()).isZero();
        assertThat(documentsOf("agent7-process", agent.hostId())).isEqualTo(3);
    }

    @Test
    void aValueThatDisappearsOnTheHostDisappearsInTheIndex() {
        Agent agent = enroll();
        ingest(
                agent,
                "process",
                header("b-1", "snapshot", yesterday("12:00:00"))
                        + "{\"upsert\":{\"process\":{\"pid\":7,\"start\":0,\"name\":\"x\",\"working_directory\":\"/tmp\"}}}\n");
        ingest(
                agent,
                "process",
                header("b-2", "snapshot", yesterday("12:01:00"))
                        + "{\"upsert\":{\"process\":{\"pid\":7,\"start\":0,\"name\":\"x\"}}}\n");
        TestElasticsearch.refresh("agent7-process");
        JsonNode exists = TestElasticsearch.send(
                TestElasticsearch.url(),
                "POST",
                "/agent7-process/_count",
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}},"
                        + "{\"exists\":{\"field\":\"process.working_directory\"}}]}}}");
        assertThat(exists.path("count").asLong()).isZero();
    }

    @Test
    void theJsonFormatDoesWhatNdjsonDoes() {
        Agent agent = enroll();
        Response r = post("/api/v1/ingest/local_user", agent.accessToken(), "application/json", """
                {"batch": {"id": "j-1", "mode": "snapshot", "collected_at": "%s"},
                 "upserts": [{"user": {"name": "root", "id": "0", "privileged": true, "enabled": true}},
                             {"user": {"name": "bob", "id": "1000", "privileged": false}}]}
                """.formatted(
                        yesterday("12:00:00")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().path("created").asInt()).isEqualTo(2);
        Response bad = post("/api/v1/ingest/local_user", agent.accessToken(), "application/json", """
                {"batch": {"id": "j-2", "mode": "diff", "collected_at": "%s"},
                 "upserts": [{"user": {"name": "eve", "id": "1001", "privileged": "yes"}}], "extra": 1}
                """.formatted(
                        yesterday("12:00:00")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("extra", "upserts[0].user.privileged");
        assertThat(documentsOf("agent7-local_user", agent.hostId())).isEqualTo(2);
    }

    @Test
    void seriesSamplesAreNeverMarkedRemoved() {
        Agent agent = enroll();
        ingest(
                agent,
                "system_metric",
                header("m-1", "snapshot", yesterday("12:00:00"))
                        + "{\"upsert\":{\"system_metric\":{\"sampled_at\":\"2026-11-28T12:00:00Z\",\"cpu\":{\"pct\":0.5}}}}\n");
        Response second = ingest(
                agent,
                "system_metric",
                header("m-2", "snapshot", yesterday("12:01:00"))
                        + "{\"upsert\":{\"system_metric\":{\"sampled_at\":\"2026-11-28T12:01:00Z\",\"cpu\":{\"pct\":0.25}}}}\n");
        assertThat(second.body().path("removed").asInt()).isZero();
        assertThat(TestElasticsearch.count(
                        "agent7-system_metric",
                        "{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + agent.hostId()
                                + "\"}},{\"term\":{\"agent7.present\":true}}]}}"))
                .isEqualTo(2);
    }

    @Test
    void seriesSamplesGoToTheIndexOfTheirDayAndOneSentAgainIsStillOneDocument() {
        Agent agent = enroll();
        String sample = "{\"upsert\":{\"system_metric\":{\"sampled_at\":\"%s\",\"cpu\":{\"pct\":0.5}}}}\n";
        ingest(
                agent,
                "system_metric",
                header("d-1", "diff", yesterday("23:59:00"))
                        + sample.formatted("2026-11-29T23:59:59.999Z")
                        + sample.formatted("2026-11-30T00:00:00.000Z"));
        // The agent never heard the answer and sends the first sample again, in another batch.
        ingest(
                agent,
                "system_metric",
                header("d-2", "diff", yesterday("23:59:30")) + sample.formatted("2026-11-29T23:59:59.999Z"));
        String mine = "{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}}";
        assertThat(TestElasticsearch.count("agent7-system_metric-2026.11.29", mine))
                .isEqualTo(1);
        assertThat(TestElasticsearch.count("agent7-system_metric-2026.11.30", mine))
                .isEqualTo(1);
        assertThat(TestElasticsearch.count("agent7-system_metric", mine))
                .as("both days through the type's alias")
                .isEqualTo(2);
    }
}
