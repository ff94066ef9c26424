package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.unit.DataSize;

/**
 * What a batch waits in between being received and being read: bounded, and refused with a
 * 503 and Retry-After beyond the bound, never held without limit. The one reader is held up
 * by a task of the test's own, so that bodies wait for it.
 */
class IngestControllerTest {

    private static final String HOST = "0123456789abcdef0123456789abcdef";
    private static final Jwt TOKEN = Jwt.withTokenValue("t")
            .header("alg", "ES256")
            .subject("agent-1")
            .claim("host_id", HOST)
            .claim("host_name", "WS-1")
            .build();

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        reader.shutdownNow();
    }

    private IngestController controller(DataSize maxUnread) {
        IngestProperties properties =
                IngestSettings.of("parse-concurrency=1", "max-unread-size=" + maxUnread.toBytes() + "B");
        IngestMetrics metrics = new IngestMetrics(meters);
        AcknowledgingSink sink = new AcknowledgingSink();
        // The test's batches were collected on 2026-11-28; the server's clock says so too.
        CollectionTimes times = new CollectionTimes(
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC), properties, (agent, ahead) -> {});
        IngestService service =
                new IngestService(sink, sink, new ItemTypes(Schema.standard()), times, properties, List.of(), metrics);
        return new IngestController(Schema.standard(), service, properties, null, metrics, reader);
    }

    /** A snapshot of {@code count} processes as an agent posts it, uncompressed. */
    private static MockHttpServletRequest batch(int count) {
        StringBuilder body = new StringBuilder(
                "{\"batch\":{\"id\":\"b1\",\"mode\":\"snapshot\",\"collected_at\":\"2026-11-28T12:00:00Z\"}}\n");
        for (int pid = 1; pid <= count; pid++) {
            body.append("{\"upsert\":{\"process\":{\"pid\":")
                    .append(pid)
                    .append(",\"start\":\"2026-11-28T10:00:00.000Z\",\"name\":\"p")
                    .append(pid)
                    .append("\"}}}\n");
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/process");
        request.setContentType("application/x-ndjson");
        request.setContent(body.toString().getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** Holds the reader until the latch opens. */
    private CountDownLatch holdTheReader() {
        CountDownLatch open = new CountDownLatch(1);
        reader.execute(() -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return open;
    }

    private double unreadBytes() {
        return meters.get("agent7.ingest.unread_bytes").gauge().value();
    }

    @Test
    void beyondTheBoundAnAgentIsToldToComeBackAndNothingIsHeld() throws Exception {
        MockHttpServletRequest first = batch(10);
        int size = first.getContentLength();
        IngestController controller = controller(DataSize.ofBytes(size + size / 2));
        CountDownLatch open = holdTheReader();

        CompletableFuture<IngestService.Outcome> waiting = controller.ingest("process", TOKEN, first);
        assertThat(unreadBytes()).isEqualTo(size);

        assertThatThrownBy(() -> controller.ingest("process", TOKEN, batch(10)))
                .isInstanceOf(IngestUnavailableException.class)
                .hasMessageContaining(size + " bytes of batches waiting to be read");
        assertThat(unreadBytes()).as("the refused body is not counted").isEqualTo(size);
        assertThat(meters.get("agent7.ingest.rejections")
                        .tag("reason", "backpressure")
                        .counter()
                        .count())
                .isEqualTo(1);

        open.countDown();
        assertThat(waiting.get(10, TimeUnit.SECONDS).created()).isEqualTo(10);
        assertThat(unreadBytes()).isZero();
        assertThat(controller
                        .ingest("process", TOKEN, batch(10))
                        .get(10, TimeUnit.SECONDS)
                        .created())
                .as("room again once the reader took the body")
                .isEqualTo(10);
    }

    @Test
    void aBodyLargerThanTheBoundIsLetInWhenNoneWaits() throws Exception {
        MockHttpServletRequest large = batch(50);
        IngestController controller = controller(DataSize.ofBytes(large.getContentLength() / 4));
        CountDownLatch open = holdTheReader();

        CompletableFuture<IngestService.Outcome> waiting = controller.ingest("process", TOKEN, large);
        assertThatThrownBy(() -> controller.ingest("process", TOKEN, batch(1)))
                .as("but then nothing more until it is read")
                .isInstanceOf(IngestUnavailableException.class);

        open.countDown();
        assertThat(waiting.get(10, TimeUnit.SECONDS).created()).isEqualTo(50);
    }

    @Test
    void aBodyRefusedByTheReaderIsNoLongerCounted() throws Exception {
        IngestController controller = controller(DataSize.ofKilobytes(64));
        MockHttpServletRequest bad = batch(1);
        bad.setContent("{\"batch\":{\"id\":\"b1\",\"mode\":\"sideways\"}}\n".getBytes(StandardCharsets.UTF_8));

        CompletableFuture<IngestService.Outcome> refused = controller.ingest("process", TOKEN, bad);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiProblem.class);
        assertThat(unreadBytes()).isZero();
    }
}
