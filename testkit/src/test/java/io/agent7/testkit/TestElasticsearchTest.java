package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TestElasticsearch#send} against a server that answers what the test says. */
class TestElasticsearchTest {

    HttpServer server;
    URI base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void answersTheBodyOfASuccess() {
        assertThat(TestElasticsearch.send(base, "PUT", "/index/201", "{}")
                        .path("status")
                        .asInt())
                .isEqualTo(201);
    }

    @Test
    void failsOnAnAnswerThatIsNotASuccessNamingItsStatusAndBody() {
        assertThatThrownBy(() -> TestElasticsearch.send(base, "DELETE", "/index/404", null))
                .hasMessageContaining("DELETE /index/404 answered 404")
                .hasMessageContaining("{\"status\":404}");
        assertThatThrownBy(() -> TestElasticsearch.get(base, "/_count/500")).hasMessageContaining("answered 500");
    }

    @Test
    void acceptsTheStatusesTheCallerExpectsAndNoOthers() {
        assertThat(TestElasticsearch.send(base, "DELETE", "/index/404", null, 404)
                        .path("status")
                        .asInt())
                .isEqualTo(404);
        assertThatThrownBy(() -> TestElasticsearch.send(base, "DELETE", "/index/400", null, 404))
                .hasMessageContaining("answered 400");
    }

    @Test
    void failsWhenTheNodeCannotBeReached() {
        server.stop(0);
        assertThatThrownBy(() -> TestElasticsearch.get(base, "/x/200")).hasMessageContaining("cannot be reached");
    }
}
