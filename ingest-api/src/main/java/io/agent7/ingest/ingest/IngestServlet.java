package io.agent7.ingest.ingest;

import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * {@code POST /api/v1/ingest/{type}} as a servlet of its own, beside Spring MVC's: the path
 * agents post every batch to, hundreds of times a second on a large fleet. Spring MVC would
 * map each post to its method, resolve its arguments (annotations looked up per call) and,
 * once the batch is acknowledged, map it and resolve its handler again to write the answer
 * through its return value handlers; that cost as much CPU as the Tomcat server around it.
 * Here a post is passed to {@link IngestController} as it comes; once the batch is
 * acknowledged the request is dispatched back to this servlet, as Spring MVC does (the filters
 * that let the post in must be done with the response before anything writes it), and the
 * answer is written.
 *
 * <p>Everything around it is as for any other path: the security filters have checked the
 * agent's token before the post gets here, {@code http.server.requests} times it (under its
 * pattern, {@value #PATTERN}), and the answers are Spring MVC's own, written by its message
 * converters: the outcome as JSON, a failure as the problem {@link IngestProblems} makes of it.
 */
final class IngestServlet extends HttpServlet {

    static final String PATTERN = "/api/v1/ingest/{type}";
    /** The request attribute that carries a post's answer to its second dispatch. */
    private static final String ANSWER = IngestServlet.class.getName() + ".answer";

    private static final Logger log = LoggerFactory.getLogger(IngestServlet.class);

    private final transient ObjectProvider<IngestController> controllers;
    private final transient ObjectProvider<IngestProblems> problemMakers;
    private final transient ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private final long timeoutMillis;

    // Taken from the application context when the servlet starts, with the first post: the
    // server starts its servlets before the context has made its beans.
    private transient IngestController controller;
    private transient IngestProblems problems;
    private transient List<HttpMessageConverter<?>> converters;

    /**
     * @param mvc Spring MVC's handler adapter, whose message converters answer as it would
     * @param timeout how long a batch may wait for its acknowledgement before the agent is told
     *     to send it again ({@code spring.mvc.async.request-timeout}, as for Spring MVC's paths)
     */
    IngestServlet(
            ObjectProvider<IngestController> controllers,
            ObjectProvider<IngestProblems> problems,
            ObjectProvider<RequestMappingHandlerAdapter> mvc,
            Duration timeout) {
        this.controllers = controllers;
        this.problemMakers = problems;
        this.mvc = mvc;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void init() {
        controller = controllers.getObject();
        problems = problemMakers.getObject();
        converters = List.copyOf(mvc.getObject().getMessageConverters());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            answerDispatched(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            answer(
                    request,
                    response,
                    ApiProblemHandler.answer(new ApiProblem(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            "Method '" + request.getMethod() + "' is not supported; batches are POSTed")));
            return;
        }
        Jwt token = token();
        if (token == null) { // the security filters let no post here without one
            answer(request, response, ApiProblemHandler.answer(new ApiProblem(HttpStatus.UNAUTHORIZED, "No token")));
            return;
        }
        String path = request.getPathInfo();
        String type = path == null || path.length() < 2 ? "" : path.substring(1);
        CompletableFuture<IngestService.Outcome> outcome;
        try {
            outcome = controller.ingest(type, token, request);
        } catch (RuntimeException e) {
            answer(request, response, failure(e));
            return;
        } catch (IOException e) { // the body could not be read: the agent went away, or its link did
            answer(
                    request,
                    response,
                    ApiProblemHandler.answer(ApiProblem.badRequest("The body could not be read: " + e)));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeoutMillis);
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new Unanswered(answered, request, response));
        outcome.whenComplete((result, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return; // timed out, or the agent went away
            }
            request.setAttribute(ANSWER, failure == null ? ResponseEntity.ok(result) : failure(failure));
            try {
                // Back to this servlet, on a server thread, once the post's own dispatch is over:
                // a batch can be acknowledged before the filters that let the post in have
                // returned, and they must be done with the response before anything writes it.
                async.dispatch();
            } catch (IllegalStateException e) { // the request ended meanwhile
                log.debug("Could not answer a batch: {}", e.toString());
            }
        });
    }

    /** The second dispatch of an acknowledged or failed post: writes what {@link #ANSWER} holds. */
    private void answerDispatched(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<?> answer = (ResponseEntity<?>) request.getAttribute(ANSWER);
        if (answer != null) {
            answer(request, response, answer);
        }
    }

    /** The agent's verified token, as the security filters left it. */
    private static Jwt token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt : null;
    }

    /** What the agent is told of a failure: the ingest path's own problem, or a 500 for anything else. */
    private ResponseEntity<ProblemDetail> failure(Throwable failure) {
        Throwable cause = IngestService.unwrapped(failure);
        ResponseEntity<ProblemDetail> answer = problems.answer(cause);
        if (answer != null) {
            return answer;
        }
        log.error("A batch failed unexpectedly", cause);
        return ApiProblemHandler.answer(new ApiProblem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The batch could not be processed: " + cause.getClass().getSimpleName()));
    }

    /** Writes an answer as Spring MVC would: a problem as {@code application/problem+json} naming the path, else JSON. */
    private void answer(HttpServletRequest request, HttpServletResponse response, ResponseEntity<?> answer)
            throws IOException {
        Object body = answer.getBody();
        MediaType mediaType = MediaType.APPLICATION_JSON;
        if (body instanceof ProblemDetail problem) {
            mediaType = MediaType.APPLICATION_PROBLEM_JSON;
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
        }
        try (ServletServerHttpResponse out = new ServletServerHttpResponse(response)) {
            out.setStatusCode(answer.getStatusCode());
            out.getHeaders().putAll(answer.getHeaders());
            converter(body.getClass(), mediaType).write(body, mediaType, out);
        }
    }

    @SuppressWarnings("unchecked")
    private HttpMessageConverter<Object> converter(Class<?> type, MediaType mediaType) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter.canWrite(type, mediaType)) {
                return (HttpMessageConverter<Object>) converter;
            }
        }
        throw new IllegalStateException("No message converter writes " + type.getName() + " as " + mediaType);
    }

    /** Answers a batch not acknowledged in time, and lets go of one whose agent went away. */
    private final class Unanswered implements AsyncListener {
        private final AtomicBoolean answered;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Unanswered(AtomicBoolean answered, HttpServletRequest request, HttpServletResponse response) {
            this.answered = answered;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            // Unless the answer is on its way (dispatched), this is the post's end: answer it here.
            if (answered.compareAndSet(false, true)) {
                try {
                    answer(
                            request,
                            response,
                            problems.unavailable(new IngestUnavailableException("The batch was not acknowledged within "
                                    + Duration.ofMillis(timeoutMillis).toSeconds()
                                    + " s; send it again (what was written will not be duplicated)")));
                } finally {
                    event.getAsyncContext().complete();
                }
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                event.getAsyncContext().complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
