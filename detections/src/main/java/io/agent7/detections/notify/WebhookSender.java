package io.agent7.detections.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a notice as JSON to a webhook. 2xx is delivered. 408, 429 and 5xx, and a receiver that
 * cannot be reached or does not answer in time, are transient; any other status is permanent
 * (a 404 or 403 answers the same tomorrow). Redirects are not followed: a webhook that moved
 * has to be configured anew, and a POST should not be replayed to wherever a 3xx points.
 */
final class WebhookSender implements Sender {

    /** How much of a receiver's answer a failure message quotes. */
    private static final int EXCERPT_BYTES = 300;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final WebhookPayloads payloads;

    WebhookSender(NotificationProperties.Webhook settings, WebhookPayloads payloads) {
        // HTTP/1.1: one small POST per delivery, to receivers of every make; HTTP/2 over
        // cleartext would add an upgrade some of them mishandle, for nothing.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = settings.requestTimeout();
        this.payloads = payloads;
    }

    @Override
    public void send(AlertNotice notice, Target target) throws DeliveryException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.address()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Agent7-detections")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payloads.render(target.kind(), notice)))
                .build();
        ByteArrayOutputStream excerpt = new ByteArrayOutputStream();
        // The request's own timeout ends at the answer's headers; the wait here bounds the body
        // too, and the excerpt keeps memory bounded whatever the receiver sends.
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(
                request,
                info -> BodySubscribers.ofByteArrayConsumer(bytes -> bytes.ifPresent(b -> {
                    int room = EXCERPT_BYTES - excerpt.size();
                    excerpt.write(b, 0, Math.max(0, Math.min(room, b.length)));
                })));
        HttpResponse<Void> response;
        try {
            response = answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw DeliveryException.retryable("no answer within " + requestTimeout, null, null);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw DeliveryException.retryable("could not post: " + describe(cause), null, cause);
            }
            throw DeliveryException.permanent("could not post: " + describe(cause), cause);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String said = excerpt.toString(StandardCharsets.UTF_8).strip();
        String message = "answered " + status + (said.isEmpty() ? "" : ": " + NoticeText.oneLine(said));
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryException.retryable(message, retryAfter(response), null);
        }
        throw DeliveryException.permanent(message, null);
    }

    /** Retry-After in seconds, as Slack and Teams send it with a 429; the HTTP-date form is ignored. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(null);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
