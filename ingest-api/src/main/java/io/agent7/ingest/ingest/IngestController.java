package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/ingest/{type}}: one batch of one type from one agent; see
 * docs/AGENT-PROTOCOL.md. {@link IngestServlet} passes it the posts and answers them.
 */
@Component
class IngestController implements DisposableBean {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema;
    private final IngestService ingest;
    private final IngestProperties properties;
    private final BatchReader reader;
    private final AuditLog audit;
    private final IngestMetrics metrics;
    /**
     * Where batches are read, checked and turned into writes: most of the API's CPU, so as
     * many threads as {@code agent7.ingest.parse-concurrency} (one per CPU). Parsed on the
     * request threads, hundreds of batches at once would leave the threads that send bulks
     * and answer agents a sliver of the CPU, and finish all together, late.
     */
    private final ExecutorService readers;
    /** The bodies waiting for {@link #readers}, bounded by {@code agent7.ingest.max-unread-size}. */
    private final UnreadBodies unread;

    @Autowired
    IngestController(
            Schema schema, IngestService ingest, IngestProperties properties, AuditLog audit, IngestMetrics metrics) {
        this(schema, ingest, properties, audit, metrics, readers(properties.parseConcurrency()));
    }

    /** With the readers given: a test holds them up to fill the wait. */
    IngestController(
            Schema schema,
            IngestService ingest,
            IngestProperties properties,
            AuditLog audit,
            IngestMetrics metrics,
            ExecutorService readers) {
        this.schema = schema;
        this.ingest = ingest;
        this.readers = readers;
        this.unread = new UnreadBodies(properties.maxUnreadSize().toBytes());
        this.properties = properties;
        this.reader = new BatchReader(properties);
        this.audit = audit;
        this.metrics = metrics;
        metrics.unread(unread);
    }

    private static ExecutorService readers(int count) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "ingest-read-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Receives the body on the request thread, then lets the thread go: a reader checks the
     * batch and sends its writes, and the answer is sent when Elasticsearch has acknowledged
     * every one of them.
     */
    CompletableFuture<IngestService.Outcome> ingest(String type, Jwt token, HttpServletRequest request)
            throws IOException {
        AgentPrincipal agent = AgentPrincipal.of(token);
        DataType dataType = schema.types().stream()
                .filter(t -> t.name().equals(type))
                .findFirst()
                .orElse(null);
        if (dataType == null) {
            metrics.rejected("unknown_type");
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "Unknown data type '" + type + "'; known types: "
                            + String.join(
                                    ", ",
                                    schema.types().stream().map(DataType::name).toList()));
        }
        String contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean ndjson = contentType.startsWith("application/x-ndjson");
        if (!ndjson && !contentType.startsWith("application/json")) {
            metrics.rejected("unsupported_media");
            throw new ApiProblem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send batches as Content-Type: application/x-ndjson "
                            + "or application/json (optionally Content-Encoding: gzip), got '"
                            + request.getContentType() + "'");
        }
        if (request.getContentLengthLong() > properties.maxBodySize().toBytes()) {
            metrics.rejected("too_large");
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The body is " + request.getContentLengthLong() + " bytes; the limit is "
                            + properties.maxBodySize().toBytes() + "; split the batch");
        }
        boolean gzip = gzipped(request.getHeader("Content-Encoding"));
        byte[] body = received(request, type);
        if (!unread.tryAdd(body.length)) {
            metrics.rejected("backpressure");
            metrics.batch(type, "unavailable");
            throw new IngestUnavailableException("The ingest API has " + unread.bytes()
                    + " bytes of batches waiting to be read (limit " + unread.limit() + "); retry later");
        }
        return CompletableFuture.supplyAsync(
                        () -> {
                            unread.remove(body.length);
                            return read(body, gzip, ndjson, dataType, agent, type);
                        },
                        readers)
                .thenCompose(batch -> ingest.ingest(agent, batch))
                .whenComplete((outcome, failure) -> metrics.batch(type, result(failure)));
    }

    /**
     * The body as sent, whole, read on the request's own thread: an agent on a slow link
     * keeps no reader waiting. A body over the limit is refused, compressed or not (a gzip
     * body that large inflates beyond it anyway).
     */
    private byte[] received(HttpServletRequest request, String type) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        byte[] body;
        try (InputStream raw = request.getInputStream()) {
            body = raw.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        }
        if (body.length > limit) {
            metrics.rejected("too_large");
            metrics.batch(type, "rejected");
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + limit + " bytes; split the batch");
        }
        return body;
    }

    /** Reads and checks the batch; a rejection is counted, audited where it names another host, and thrown. */
    private StoredBatch read(
            byte[] body, boolean gzip, boolean ndjson, DataType dataType, AgentPrincipal agent, String type) {
        StoredBatch batch;
        LimitedInputStream counted;
        try (InputStream raw = new ByteArrayInputStream(body)) {
            // The limit counts what comes out of gzip, so a small body cannot expand without bound.
            InputStream decoded = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
            counted = new LimitedInputStream(decoded, properties.maxBodySize().toBytes());
            // No buffering stream: the line reader and the JSON parser read in blocks of their own.
            if (ndjson) {
                batch = reader.readStored(counted, dataType, schema.normalizer(dataType), agent.hostId());
            } else {
                batch = StoredBatch.of(
                        reader.read(JSON.readTree(counted), dataType, schema.normalizer(dataType), agent.hostId()));
            }
        } catch (BatchRejectedException e) {
            if (e.reason() == BatchRejectedException.Reason.OTHER_HOST) {
                audit.record(
                        "ingest.other_host",
                        false,
                        "agent:" + agent.agentId(),
                        agent.hostId(),
                        "a " + type + " batch named another host",
                        Map.of("type", type));
            }
            metrics.rejected(e.reason().name().toLowerCase(Locale.ROOT));
            throw new ApiProblem(status(e.reason()), e.getMessage(), e.errors());
        } catch (ZipException e) {
            metrics.rejected("invalid");
            throw ApiProblem.badRequest("The body is not valid gzip: " + e.getMessage());
        } catch (IOException e) { // the body is in memory: what fails is its gzip stream, e.g. cut short
            metrics.rejected("invalid");
            throw ApiProblem.badRequest("The body could not be decoded: " + e);
        } catch (JacksonException e) {
            metrics.rejected("invalid");
            throw ApiProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (ApiProblem e) {
            metrics.rejected(e.status() == HttpStatus.CONTENT_TOO_LARGE ? "too_large" : "invalid");
            throw e;
        }
        metrics.bytes(type, counted.count());
        return batch;
    }

    /** How a batch ended, for the metrics: refused for good, or to be sent again later. */
    private static String result(Throwable failure) {
        Throwable cause = IngestService.unwrapped(failure);
        if (cause == null) {
            return "accepted";
        }
        boolean refused = (cause instanceof ApiProblem problem && problem.retryAfter() == null)
                || cause instanceof InvalidBatchException
                || cause instanceof DocumentsRefusedException
                || cause instanceof BatchTooOldException;
        return refused ? "rejected" : "unavailable";
    }

    /** Whether the body comes gzip-compressed; refuses encodings other than gzip and identity before the body is read. */
    private boolean gzipped(String encoding) {
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return true;
        }
        metrics.rejected("unsupported_media");
        throw new ApiProblem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + encoding + "' is not supported; use gzip");
    }

    @Override
    public void destroy() {
        readers.shutdown();
    }

    /** 403 for another host's batch (the token is fine, the claim is not), 413 past a limit, else 400. */
    static HttpStatus status(BatchRejectedException.Reason reason) {
        return switch (reason) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case OTHER_HOST -> HttpStatus.FORBIDDEN;
        };
    }
}
