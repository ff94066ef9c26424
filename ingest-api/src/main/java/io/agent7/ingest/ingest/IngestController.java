package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/ingest/{type}}: one batch of one type from one agent; see docs/AGENT-PROTOCOL.md. */
@RestController
class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final Schema schema = Schema.standard();
    private final IngestService ingest;
    private final IngestProperties properties;
    private final BatchReader reader;

    IngestController(IngestService ingest, IngestProperties properties) {
        this.ingest = ingest;
        this.properties = properties;
        this.reader = new BatchReader(properties);
    }

    @PostMapping("/api/v1/ingest/{type}")
    IngestService.Outcome ingest(@PathVariable String type, @AuthenticationPrincipal Jwt token,
                                 HttpServletRequest request) throws IOException {
        AgentPrincipal agent = AgentPrincipal.of(token);
        DataType dataType = schema.types().stream().filter(t -> t.name().equals(type)).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "Unknown data type '" + type + "'; known types: "
                        + String.join(", ", schema.types().stream().map(DataType::name).toList())));
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-ndjson")) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send batches as Content-Type: application/x-ndjson (optionally Content-Encoding: gzip), got '"
                            + request.getContentType() + "'");
        }
        Batch batch;
        try (InputStream body = body(request)) {
            batch = reader.read(body, dataType, schema.normalizer(dataType), agent.hostId());
        } catch (BatchRejectedException e) {
            if (e.toProblem().status() == HttpStatus.FORBIDDEN) {
                log.warn("Agent {} of host {} sent documents of another host; batch of {} rejected",
                        agent.agentId(), agent.hostId(), type);
            }
            throw e.toProblem();
        } catch (ZipException e) {
            throw ApiProblem.badRequest("The body is not valid gzip: " + e.getMessage());
        }
        return ingest.ingest(agent, batch);
    }

    private InputStream body(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "The body is " + declared + " bytes; the limit is " + limit);
        }
        InputStream in = request.getInputStream();
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in, 64 * 1024);
        } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + encoding + "' is not supported; use gzip");
        }
        // Counts what comes out of gzip too, so a small compressed body cannot expand without bound.
        return new BufferedInputStream(new LimitedInputStream(in, limit), 64 * 1024);
    }
}
