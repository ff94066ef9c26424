package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.node.ObjectNode;

/**
 * When and what {@link IngestServlet} answers: the outcome once the batch is acknowledged,
 * a 503 when it is not in time (and nothing after it), a 500 for a failure the ingest path
 * does not know. The one reader is held up by the test, so that a batch waits.
 */
class IngestServletTest {

    private static final String HOST = "0123456789abcdef0123456789abcdef";
    private static final Jwt TOKEN = Jwt.withTokenValue("t")
            .header("alg", "ES256")
            .subject("agent-1")
            .claim("host_id", HOST)
            .claim("host_name", "WS-1")
            .build();

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final CountDownLatch open = new CountDownLatch(1);

    @BeforeEach
    void holdTheReaderAndSignIn() {
        reader.execute(() -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(TOKEN));
    }

    @AfterEach
    void stop() {
        open.countDown();
        reader.shutdownNow();
        SecurityContextHolder.clearContext();
    }

    private IngestServlet servlet(List<DocumentEnricher> enrichers) {
        IngestProperties properties = IngestSettings.of("parse-concurrency=1");
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        AcknowledgingSink sink = new AcknowledgingSink();
        CollectionTimes times = new CollectionTimes(
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC), properties, (agent, ahead) -> {});
        IngestService service =
                new IngestService(sink, sink, new ItemTypes(Schema.standard()), times, properties, enrichers, metrics);
        IngestController controller =
                new IngestController(Schema.standard(), service, properties, null, metrics, reader);
        RequestMappingHandlerAdapter mvc = new RequestMappingHandlerAdapter();
        mvc.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of(
                "controller",
                controller,
                "problems",
                new IngestProblems(new ApiProperties(Duration.ofSeconds(7))),
                "mvc",
                mvc));
        IngestServlet servlet = new IngestServlet(
                beans.getBeanProvider(IngestController.class),
                beans.getBeanProvider(IngestProblems.class),
                beans.getBeanProvider(RequestMappingHandlerAdapter.class),
                Duration.ofSeconds(120));
        servlet.init();
        return servlet;
    }

    private static MockHttpServletRequest post(int count) {
        StringBuilder body = new StringBuilder(
                "{\"batch\":{\"id\":\"b1\",\"mode\":\"snapshot\",\"collected_at\":\"2026-11-28T12:00:00Z\"}}\n");
        for (int pid = 1; pid <= count; pid++) {
            body.append("{\"upsert\":{\"process\":{\"pid\":")
                    .append(pid)
                    .append(",\"start\":\"2026-11-28T10:00:00.000Z\"}}}\n");
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/process");
        request.setPathInfo("/process");
        request.setAsyncSupported(true);
        request.setContentType("application/x-ndjson");
        request.setContent(body.toString().getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /**
     * Serves a post as the server would: once the servlet dispatches the request back to
     * itself, it is served again as an {@code ASYNC} dispatch, and then complete.
     */
    private static void serve(IngestServlet servlet, MockHttpServletRequest request, MockHttpServletResponse response)
            throws IOException {
        servlet.service(request, response);
        if (request.isAsyncStarted()) {
            MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
            async.addDispatchHandler(() -> {
                request.setDispatcherType(DispatcherType.ASYNC);
                try {
                    servlet.service(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                async.complete();
            });
        }
    }

    /** Waits until the request's asynchronous part is over, answered or not. */
    private static void awaitCompletion(MockHttpServletRequest request) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (request.isAsyncStarted() && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertThat(request.isAsyncStarted()).as("the request is complete").isFalse();
    }

    @Test
    void theOutcomeIsWrittenOnceTheBatchIsAcknowledged() throws Exception {
        IngestServlet servlet = servlet(List.of());
        MockHttpServletRequest request = post(3);
        MockHttpServletResponse response = new MockHttpServletResponse();

        serve(servlet, request, response);
        assertThat(request.isAsyncStarted()).as("the request thread is let go").isTrue();
        assertThat(response.getContentAsString())
                .as("nothing answered before the batch is read")
                .isEmpty();

        open.countDown();
        awaitCompletion(request);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"created\":3");
    }

    @Test
    void aBatchNotAcknowledgedInTimeIsA503AndItsLateOutcomeIsNotWritten() throws Exception {
        IngestServlet servlet = servlet(List.of());
        MockHttpServletRequest request = post(2);
        MockHttpServletResponse response = new MockHttpServletResponse();
        serve(servlet, request, response);
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        List<AsyncListener> listeners = List.copyOf(async.getListeners());

        for (AsyncListener listener : listeners) {
            listener.onTimeout(new AsyncEvent(async, request, response));
        }
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        String problem = response.getContentAsString();
        assertThat(problem).contains("not acknowledged within 120 s").contains("/api/v1/ingest/process");

        open.countDown(); // the batch is read and acknowledged after all: too late to say so
        Thread.sleep(200);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).isEqualTo(problem);
    }

    @Test
    void aFailureTheIngestPathDoesNotKnowIsA500ThatNamesNoInternals() throws Exception {
        DocumentEnricher broken = new DocumentEnricher() {
            @Override
            public boolean appliesTo(DataType type) {
                return true;
            }

            @Override
            public void enrich(AgentPrincipal agent, DataType type, String id, ObjectNode document) {
                throw new IllegalStateException("secret internals");
            }
        };
        IngestServlet servlet = servlet(List.of(broken));
        MockHttpServletRequest request = post(1);
        MockHttpServletResponse response = new MockHttpServletResponse();

        serve(servlet, request, response);
        open.countDown();
        awaitCompletion(request);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("IllegalStateException")
                .doesNotContain("secret internals");
    }

    @Test
    void aRefusalBeforeTheBodyIsReadIsAnsweredOnTheRequestThread() throws Exception {
        IngestServlet servlet = servlet(List.of());
        MockHttpServletRequest request = post(1);
        request.setPathInfo("/gizmo");
        MockHttpServletResponse response = new MockHttpServletResponse();

        serve(servlet, request, response);

        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("Unknown data type 'gizmo'");
    }
}
