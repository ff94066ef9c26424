package io.agent7.ingest.ingest;

import io.agent7.ingest.audit.AuditLog;
import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/ingest/{type}}: one batch of one type from one agent; see docs/AGENT-PROTOCOL.md. */
@RestController
class IngestController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema = Schema.standard();
    private final IngestService ingest;
    private final IngestProperties properties;
    private final BatchReader reader;
    private final AuditLog audit;
    private final IngestMetrics metrics;

    IngestController(IngestService ingest, IngestProperties properties, AuditLog audit, IngestMetrics metrics) {
        this.ingest = ingest;
        this.properties = properties;
        this.reader = new BatchReader(properties);
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Reads and checks the batch on the request thread, then lets the thread go: the answer
     * is sent when Elasticsearch has acknowledged every write.
     */
    @PostMapping("/api/v1/ingest/{type}")
    CompletableFuture<IngestService.Outcome> ingest(@PathVariable String type, @AuthenticationPrincipal Jwt token,
                                                    HttpServletRequest request) throws IOException {
        AgentPrincipal agent = AgentPrincipal.of(token);
        DataType dataType = schema.types().stream().filter(t -> t.name().equals(type)).findFirst().orElse(null);
        if (dataType == null) {
            metrics.rejected("unknown_type");
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown data type '" + type + "'; known types: "
                    + String.join(", ", schema.types().stream().map(DataType::name).toList()));
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean ndjson = contentType.startsWith("application/x-ndjson");
        if (!ndjson && !contentType.startsWith("application/json")) {
            metrics.rejected("unsupported_media");
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send batches as Content-Type: application/x-ndjson "
                    + "or application/json (optionally Content-Encoding: gzip), got '" + request.getContentType() + "'");
        }
        if (request.getContentLengthLong() > properties.maxBodySize().toBytes()) {
            metrics.rejected("too_large");
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "The body is " + request.getContentLengthLong()
                    + " bytes; the limit is " + properties.maxBodySize().toBytes() + "; split the batch");
        }
        Batch batch;
        LimitedInputStream counted = null;
        try (InputStream raw = request.getInputStream()) {
            counted = new LimitedInputStream(decoded(raw, request.getHeader("Content-Encoding")), properties.maxBodySize().toBytes());
            // No buffering stream: the line reader and the JSON parser read in blocks of their own.
            if (ndjson) {
                batch = reader.read(counted, dataType, schema.normalizer(dataType), agent.hostId());
            } else {
                batch = reader.read(JSON.readTree(counted), dataType, schema.normalizer(dataType), agent.hostId());
            }
        } catch (BatchRejectedException e) {
            ApiProblem problem = e.toProblem();
            if (problem.status() == HttpStatus.FORBIDDEN) {
                metrics.rejected("other_host");
                audit.record("ingest.other_host", false, "agent:" + agent.agentId(), agent.hostId(),
                        "a " + type + " batch named another host", Map.of("type", type));
            } else {
                metrics.rejected(problem.status() == HttpStatus.CONTENT_TOO_LARGE ? "too_large" : "invalid");
            }
            metrics.batch(type, "rejected");
            throw problem;
        } catch (ZipException e) {
            metrics.rejected("invalid");
            throw ApiProblem.badRequest("The body is not valid gzip: " + e.getMessage());
        } catch (JacksonException e) {
            metrics.rejected("invalid");
            throw ApiProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (ApiProblem e) {
            metrics.rejected(e.status() == HttpStatus.CONTENT_TOO_LARGE ? "too_large" : "invalid");
            throw e;
        }
        metrics.bytes(type, counted.count());
        try {
            return ingest.ingest(agent, batch).whenComplete((outcome, failure) -> metrics.batch(type, result(failure)));
        } catch (ApiProblem e) {
            metrics.batch(type, result(e));
            throw e;
        }
    }

    private static String result(Throwable failure) {
        Throwable cause = IngestService.unwrapped(failure);
        if (cause == null) {
            return "accepted";
        }
        return cause instanceof ApiProblem problem && problem.retryAfter() == null ? "rejected" : "unavailable";
    }

    private InputStream decoded(InputStream in, String encoding) throws IOException {
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return in;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            // The limit counts what comes out of gzip, so a small body cannot expand without bound.
            return new GZIPInputStream(in, 64 * 1024);
        }
        metrics.rejected("unsupported_media");
        throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + encoding + "' is not supported; use gzip");
    }
}
