package io.agent7.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.protocol.Batch;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent given several ingest APIs goes on with the next when the one in use cannot be
 * reached: the request that failed is sent there at once, and later requests stay there.
 */
class ServerFailoverTest {

    /** A port nothing listens on: a connection to it is refused. */
    static final URI DEAD = URI.create("http://127.0.0.1:" + freePort());

    final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aBatchFailsOverToTheNextServerAndLaterRequestsStayThere() throws Exception {
        URI alive = ingestApi("b");
        ServerClient client = new ServerClient(credentials(DEAD, alive), "test", Clock.systemUTC());

        client.post(new Batch(
                "batch-1",
                Batch.Mode.SNAPSHOT,
                Schema.standard().require("process"),
                Instant.now(),
                List.of(),
                List.of()));
        client.post(new Batch(
                "batch-2",
                Batch.Mode.SNAPSHOT,
                Schema.standard().require("process"),
                Instant.now(),
                List.of(),
                List.of()));

        assertThat(client.server()).isEqualTo(alive);
        assertThat(client.failedOver())
                .as("requests sent again on the next server")
                .isEqualTo(1);
        assertThat(requests)
                .containsExactly(
                        "b POST /api/v1/agents/token",
                        "b POST /api/v1/ingest/process",
                        "b POST /api/v1/ingest/process");
    }

    @Test
    void whenNoServerCanBeReachedTheFailureIsTheCallersToRetryLater() {
        ServerClient client = new ServerClient(
                credentials(DEAD, URI.create("http://127.0.0.1:" + freePort())), "test", Clock.systemUTC());

        assertThatThrownBy(() -> client.post(new Batch(
                        "batch-1",
                        Batch.Mode.SNAPSHOT,
                        Schema.standard().require("process"),
                        Instant.now(),
                        List.of(),
                        List.of())))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void enrollmentTakesTheFirstServerThatAnswersAndKeepsThemAllThatOneFirst(@TempDir Path state) throws Exception {
        URI alive = ingestApi("b");
        ServerClient.Enrolled enrolled = ServerClient.enroll(
                List.of(DEAD, alive),
                "sk_test",
                new HostFacts("machine", "host", "linux", "Debian", "12", "6.1"),
                "test",
                null);

        assertThat(enrolled.credentials().server()).isEqualTo(alive);
        assertThat(enrolled.credentials().servers()).containsExactly(alive, DEAD);
        enrolled.credentials().save(state);
        assertThat(Credentials.load(state).servers()).containsExactly(alive, DEAD);
        assertThat(Files.readString(state.resolve(Credentials.FILE))).contains("\"servers\"");
    }

    @Test
    void credentialsOfOneServerAreWrittenAsBefore(@TempDir Path state) throws Exception {
        Credentials one = new Credentials(URI.create("https://ingest:8443"), "a", "h", "rt", null, null);
        one.save(state);

        assertThat(Files.readString(state.resolve(Credentials.FILE))).doesNotContain("servers");
        assertThat(Credentials.load(state).servers()).containsExactly(URI.create("https://ingest:8443"));
    }

    static Credentials credentials(URI... servers) {
        return new Credentials(servers[0], "agent-1", "host-1", "rt_1", null, null, List.of(servers));
    }

    /** An ingest API that answers enrollment, tokens and batches, recording what it was asked. */
    URI ingestApi(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(name + " " + exchange.getRequestMethod() + " " + path);
            exchange.getRequestBody().readAllBytes();
            switch (path) {
                case "/api/v1/agents/enroll" -> answer(exchange, """
                        {"agent_id": "agent-1", "host_id": "host-1", "access_token": "t", "token_type": "Bearer",
                         "expires_in": 900, "expires_at": "2099-01-01T00:00:00Z", "refresh_token": "rt_1"}""");
                case "/api/v1/agents/token" -> answer(exchange, """
                        {"access_token": "t", "token_type": "Bearer", "expires_in": 900,
                         "expires_at": "2099-01-01T00:00:00Z"}""");
                default -> answer(exchange, """
                        {"batch_id": "b", "type": "process", "received": 0, "created": 0, "updated": 0,
                         "unchanged": 0, "removed": 0}""");
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
