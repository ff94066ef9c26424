package io.agent7.e2e;

import io.agent7.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A service's health probe ({@code /readyz} or {@code /livez} on its public port) asked four
 * times a second, as an orchestrator would, so a test can say what it reported while a fault lasted.
 */
final class HealthProbe implements AutoCloseable {

    /** What the last probe got: "UP", "DOWN", "OUT_OF_SERVICE", or why there was no answer. */
    private volatile String last = "none yet";

    private final AtomicBoolean sawDown = new AtomicBoolean();
    private final AtomicBoolean everDown = new AtomicBoolean();
    private final Thread poller;
    private volatile boolean closed;

    private final String name;

    private HealthProbe(URI probe, String name) {
        this.name = name;
        poller = new Thread(() -> poll(probe), name + "-probe");
        poller.setDaemon(true);
    }

    /** Starts asking the probe {@code name}: readiness ({@code /readyz}) or liveness ({@code /livez}). */
    static HealthProbe watch(ServiceProcess service, String name) {
        String path = switch (name) {
            case "readiness" -> "/readyz";
            case "liveness" -> "/livez";
            default -> throw new IllegalArgumentException("no probe named " + name);
        };
        HealthProbe probe = new HealthProbe(service.url(path), name);
        probe.poller.start();
        return probe;
    }

    private void poll(URI probe) {
        HttpRequest request =
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        while (!closed) {
            String status;
            try {
                HttpResponse<String> response = FleetSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                status = FleetSupport.JSON
                        .readTree(response.body())
                        .path("status")
                        .asString("HTTP " + response.statusCode());
            } catch (IOException e) {
                status = "no answer: " + e;
            } catch (InterruptedException e) {
                return;
            }
            last = status;
            if ("DOWN".equals(status)) {
                sawDown.set(true);
                everDown.set(true);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the probe ever reported DOWN. */
    boolean everDown() {
        return everDown.get();
    }

    /** Whether the probe reported DOWN since the last time this was asked. */
    boolean downSinceLastCheck() {
        return sawDown.getAndSet(false);
    }

    void awaitUp(Duration limit, String what) {
        await("UP", limit, what);
    }

    void awaitDown(Duration limit, String what) {
        await("DOWN", limit, what);
    }

    private void await(String status, Duration limit, String what) {
        try {
            Awaitility.await()
                    .atMost(limit)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> status.equals(last));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " was not " + status + " within " + limit.toSeconds() + "s in " + what
                    + "; last answer: " + last);
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
