package io.agent7.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.BatchAnswer;
import io.agent7.protocol.CheckinAnswer;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.Policy;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.protocol.ProtocolMessage;
import io.agent7.protocol.TokenAnswer;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import io.agent7.simulator.host.VirtualHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A simulated host runs on the agent's own check-ins and scheduling, forced collections included. */
class SimulatedHostTest {

    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
    /** Check-ins every 20 s; processes every 5 minutes; software only when forced. */
    static final Policy POLICY = new Policy(
            "sim",
            1,
            new Policy.Checkin(Duration.ofSeconds(20), Duration.ofSeconds(20)),
            null,
            Map.of(
                    "process", new Policy.Schedule(true, Duration.ofMinutes(5), null),
                    "software", new Policy.Schedule(false, Duration.ofDays(1), null)),
            List.of());

    /** A clock the test moves. */
    static final class SteppedClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    /** The ingest API's side of the protocol, answering from a script and keeping what it was sent. */
    final class FakeIngestApi {
        final HttpServer http;
        final List<String> calls = new ArrayList<>();
        final List<CheckinReport> reports = new ArrayList<>();
        final List<JsonNode> batchHeaders = new ArrayList<>();
        List<String> forced = List.of();

        FakeIngestApi() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", this::handle);
            http.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(path);
            ProtocolMessage answer;
            if (path.equals("/api/v1/agents/token")) {
                answer = new TokenAnswer("token", "Bearer", 900, clock.now.plusSeconds(900));
            } else if (path.equals("/api/v1/agents/checkin")) {
                reports.add(ProtocolCodec.decode(body, CheckinReport.class));
                answer = new CheckinAnswer(POLICY, forced, clock.now);
            } else {
                String type = path.substring("/api/v1/ingest/".length());
                try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    String first = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElseThrow();
                    batchHeaders.add(JsonTrees.read(first).path("batch"));
                }
                answer = new BatchAnswer("b", type, 1, 1, 0, 0, 0);
            }
            byte[] json = ProtocolCodec.encode(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
            exchange.close();
        }
    }

    final SteppedClock clock = new SteppedClock();
    FakeIngestApi api;
    SimulatedHost host;

    @BeforeEach
    void start() throws IOException {
        api = new FakeIngestApi();
        Credentials credentials = new Credentials(api.url(), "agent-1", "host-1", "rt_1", null, null);
        host = new SimulatedHost(
                VirtualHost.create(7, 0, T0),
                new ServerClient(credentials, "simulated", clock, ServerClient.client(null)),
                new FleetStats(),
                Schema.standard(),
                clock,
                new SplittableRandom(7));
    }

    @AfterEach
    void stop() {
        api.http.stop(0);
    }

    void work() {
        assertThat(host.claim()).isTrue();
        host.work();
    }

    @Test
    void runsAForcedCollectionAtOnceAndReportsItDoneAtTheNextCheckin() {
        api.forced = List.of("software");
        work();
        api.forced = List.of();
        clock.now = T0.plusSeconds(20);
        work();

        assertThat(api.calls)
                .containsExactly(
                        "/api/v1/agents/token",
                        "/api/v1/agents/checkin",
                        "/api/v1/ingest/software",
                        "/api/v1/agents/checkin",
                        "/api/v1/ingest/process");
        assertThat(api.reports).extracting(CheckinReport::forcedDone).containsExactly(List.of(), List.of("software"));
        assertThat(api.reports.get(1).policyVersion()).isEqualTo(1L);
        assertThat(api.batchHeaders)
                .allSatisfy(h -> assertThat(h.path("mode").asString()).isEqualTo("snapshot"));
    }

    @Test
    void checksInAgainOnlyWhenThePolicysIntervalIsOver() {
        work();
        clock.now = T0.plusMillis(19_999);
        work();
        clock.now = T0.plusSeconds(20);
        work();

        assertThat(api.calls.stream().filter(c -> c.endsWith("/checkin"))).hasSize(2);
        assertThat(api.reports.get(0).host().hostname()).isNotBlank();
    }
}
