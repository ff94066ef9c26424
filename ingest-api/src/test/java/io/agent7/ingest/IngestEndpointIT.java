package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ingest path is a servlet of its own beside Spring MVC's: what it answers around the
 * batches themselves is what any other path of the API answers.
 */
class IngestEndpointIT extends IngestApiIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void anAcknowledgedBatchIsAnsweredAsJsonAndTimedUnderThePathsPattern() throws InterruptedException {
        Agent agent = enroll();
        long before = ingestRequests("200");

        Response r = ingest(
                agent,
                "process",
                header("b-1", "snapshot", yesterday("12:00:00")) + process(1, "2026-11-28T10:00:00Z", "init"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body().path("batch_id").asString()).isEqualTo("b-1");
        assertThat(r.body().path("created").asInt()).isEqualTo(1);
        // The timer stops once the answer is written, just after the agent has it.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (ingestRequests("200") == before && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(ingestRequests("200")).isEqualTo(before + 1);
    }

    @Test
    void aRefusedBatchIsAProblemNamingItsPath() {
        Agent agent = enroll();

        Response r = ingest(agent, "gizmo", header("b-2", "snapshot", yesterday("12:00:00")));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(404);
        assertThat(r.body().path("title").asString()).isEqualTo("Not Found");
        assertThat(r.body().path("instance").asString()).isEqualTo("/api/v1/ingest/gizmo");
        assertThat(r.body().path("detail").asString()).startsWith("Unknown data type 'gizmo'");
    }

    @Test
    void batchesArePostedAndOtherMethodsAreRefusedNamingPost() {
        Agent agent = enroll();

        Response r = send("/api/v1/ingest/process", agent.accessToken(), null, null, null, "GET");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(r.body().path("detail").asString()).contains("'GET' is not supported");
    }

    @Test
    void aPostWithoutATokenIsStoppedBeforeTheBatchIsRead() {
        Agent agent = enroll();
        String body = header("b-3", "snapshot", yesterday("12:00:00")) + process(1, "2026-11-28T10:00:00Z", "init");

        Response none = send("/api/v1/ingest/process", null, "application/x-ndjson", null, body.getBytes(), "POST");
        Response forged = send(
                "/api/v1/ingest/process",
                agent.accessToken().substring(0, agent.accessToken().length() - 4) + "AAAA",
                "application/x-ndjson",
                null,
                body.getBytes(),
                "POST");

        assertThat(none.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(documentsOf("agent7-process", agent.hostId())).isZero();
    }

    private long ingestRequests(String status) {
        Timer timer = meters.find("http.server.requests")
                .tag("uri", "/api/v1/ingest/{type}")
                .tag("status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
