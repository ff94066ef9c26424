package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agent7.detections.notify.Notifier.Stats;
import io.agent7.detections.notify.Target.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, give-ups and drops, against a receiver on loopback that misbehaves on cue. */
class WebhookDeliveryTest {

    private static List<Target> hook(String url) {
        return List.of(new Target(Kind.WEBHOOK, url, "test hook"));
    }

    @Test
    void retriesAfterTwo503sAndDeliversOnceCountingInMeters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(8)), meters)) {
            receiver.answer(503, 503);

            notifier.submit(Notices.notice(), hook(receiver.url("/hook")));

            Eventually.until("the delivery", () -> notifier.stats().delivered() == 1);
            assertThat(receiver.requests())
                    .extracting(TestReceiver.Request::answered)
                    .containsExactly(503, 503, 200);
            assertThat(notifier.stats()).isEqualTo(new Stats(1, 2, 0, 0));
            assertThat(meters.get("agent7.notifications.delivered")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("agent7.notifications.retries")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(meters.get("agent7.notifications.failed")
                            .functionCounter()
                            .count())
                    .isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 504})
    void retriesTimeoutsThrottlingAndServerErrors(int status) {
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(8)))) {
            receiver.answer(status);

            notifier.submit(Notices.notice(), hook(receiver.url("/hook")));

            Eventually.until("the delivery", () -> notifier.stats().delivered() == 1);
            assertThat(receiver.requests())
                    .extracting(TestReceiver.Request::answered)
                    .containsExactly(status, 200);
            assertThat(notifier.stats().retried()).isEqualTo(1);
        }
    }

    @Test
    void deliversToAReceiverThatStartsListeningLate() {
        int port = TestReceiver.freePort();
        // Attempts enough to outlast a slow start of the receiver: the test ends at the delivery.
        try (Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(500)))) {
            notifier.submit(Notices.notice(), hook(TestReceiver.urlOnPort(port, "/late")));
            Eventually.until("a retry", () -> notifier.stats().retried() >= 1);
            assertThat(notifier.stats().delivered()).isZero();

            try (TestReceiver receiver = TestReceiver.start(port)) {
                Eventually.until("the delivery", () -> notifier.stats().delivered() == 1);
                assertThat(receiver.requests()).hasSize(1);
                assertThat(notifier.stats().failed()).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 410, 302})
    void doesNotRetryWhatWouldFailAgain(int status) {
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(8)))) {
            receiver.answer(status);

            notifier.submit(Notices.notice(), hook(receiver.url("/hook")));

            Eventually.until("the failure", () -> notifier.stats().failed() == 1);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(notifier.stats()).isEqualTo(new Stats(0, 0, 1, 0));
        }
    }

    @Test
    void retriesAReceiverThatDoesNotAnswerInTime() {
        NotificationProperties properties = new NotificationProperties(
                null,
                null,
                new NotificationProperties.Webhook(null, Duration.ofMillis(200)),
                Notices.quickRetry(2),
                null,
                null,
                null);
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(properties)) {
            receiver.stall();

            notifier.submit(Notices.notice(), hook(receiver.url("/slow")));

            Eventually.until("the failure", () -> notifier.stats().failed() == 1);
            assertThat(notifier.stats()).isEqualTo(new Stats(0, 1, 1, 0));
        }
    }

    @Test
    void givesUpAfterMaxAttempts() {
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(3)))) {
            receiver.answer(503, 503, 503, 503, 503);

            notifier.submit(Notices.notice(), hook(receiver.url("/hook")));

            Eventually.until("the failure", () -> notifier.stats().failed() == 1);
            assertThat(receiver.requests()).hasSize(3);
            assertThat(notifier.stats()).isEqualTo(new Stats(0, 2, 1, 0));
        }
    }

    @Test
    void dropsWhatDoesNotFitWithoutWaitingForAStalledReceiver() {
        int capacity = 3;
        int submitted = 7;
        NotificationProperties properties = new NotificationProperties(
                null,
                null,
                new NotificationProperties.Webhook(null, Duration.ofSeconds(60)),
                Notices.quickRetry(3),
                capacity,
                1,
                null);
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(properties)) {
            receiver.stall();

            // The receiver answers nothing until released, long after this bound: a submit that
            // waited for it, or for room in the queue, would not return inside it.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < submitted; i++) {
                    notifier.submit(Notices.notice(), hook(receiver.url("/stalled")));
                }
            });
            assertThat(notifier.stats().dropped()).isEqualTo(submitted - capacity);

            receiver.release();
            Eventually.until("the queued deliveries", () -> notifier.stats().delivered() == capacity);
            assertThat(receiver.requests()).hasSize(capacity);
            assertThat(notifier.stats()).isEqualTo(new Stats(capacity, 0, 0, submitted - capacity));
        }
    }

    @Test
    void dropsWhatIsSubmittedAfterClose() {
        try (TestReceiver receiver = TestReceiver.start()) {
            Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(3)));
            notifier.close();

            notifier.submit(Notices.notice(), hook(receiver.url("/hook")));

            assertThat(notifier.stats()).isEqualTo(new Stats(0, 0, 0, 1));
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
