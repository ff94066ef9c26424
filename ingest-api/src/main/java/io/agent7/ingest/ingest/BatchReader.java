package io.agent7.ingest.ingest;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentNormalizer;
import io.agent7.schema.Documents;
import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.Values;
import io.agent7.server.web.ApiProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the NDJSON batch format (docs/AGENT-PROTOCOL.md): a header line, then one
 * {@code {"upsert": {document}}} per line. Everything is checked before anything is written;
 * the errors name each bad line and why.
 */
final class BatchReader {

    /** More than this many errors are summarised: the agent has a bug, not a typo. */
    static final int MAX_REPORTED_ERRORS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IngestProperties limits;

    BatchReader(IngestProperties limits) {
        this.limits = limits;
    }

    Batch read(InputStream body, DataType type, DocumentNormalizer normalizer, String hostId) throws IOException {
        List<ApiProblem.Error> errors = new ArrayList<>();
        List<ObjectNode> documents = new ArrayList<>();
        int lineNumber = 0;
        String batchId = null;
        Batch.Mode mode = null;
        Instant collectedAt = null;
        int otherHost = 0;
        boolean headerSeen = false;
        byte[] line;
        while ((line = nextLine(body, lineNumber + 1)) != null) {
            lineNumber++;
            if (isBlank(line)) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                node = null;
                error(errors, lineNumber, null, "is not valid JSON: " + e.getOriginalMessage());
            }
            if (!headerSeen) {
                headerSeen = true;
                JsonNode header = node == null ? null : node.path("batch");
                if (header == null || !header.isObject()) {
                    throw rejected(HttpStatus.BAD_REQUEST, "The first line must be the batch header "
                            + "{\"batch\": {\"id\": ..., \"mode\": \"snapshot\"|\"diff\", \"collected_at\": ...}}",
                            List.of(new ApiProblem.Error(lineNumber, "batch", "is missing")));
                }
                batchId = text(header, "id");
                mode = mode(header.path("mode"), errors, lineNumber);
                collectedAt = collectedAt(header.path("collected_at"), errors, lineNumber);
                if (batchId == null || batchId.isBlank() || batchId.length() > 128) {
                    error(errors, lineNumber, "batch.id", "is required, at most 128 characters");
                }
                continue;
            }
            if (node == null) {
                continue;
            }
            if (documents.size() >= limits.maxDocuments()) {
                throw rejected(HttpStatus.CONTENT_TOO_LARGE, "The batch has more than " + limits.maxDocuments()
                        + " documents; split it", List.of(new ApiProblem.Error(lineNumber, null, "is past the limit")));
            }
            JsonNode document = node.path("upsert");
            if (!node.isObject() || node.size() != 1 || !document.isObject()) {
                error(errors, lineNumber, null, "must be {\"upsert\": {document}}");
                continue;
            }
            JsonNode claimedHost = Documents.get(document, CommonFields.HOST_ID);
            if (claimedHost != null && !claimedHost.isNull() && !hostId.equals(claimedHost.asString(""))) {
                otherHost++;
                error(errors, lineNumber, CommonFields.HOST_ID, "names another host; an agent may write only its own host's documents");
                continue;
            }
            try {
                documents.add(normalizer.normalize(document));
            } catch (InvalidDocumentException e) {
                error(errors, lineNumber, e.field(), e.field() == null ? e.getMessage() : e.getMessage()
                        .substring(("field '" + e.field() + "': ").length()));
            }
        }
        if (!headerSeen) {
            throw rejected(HttpStatus.BAD_REQUEST, "The batch is empty: it needs at least the header line", List.of());
        }
        if (!errors.isEmpty()) {
            HttpStatus status = otherHost > 0 ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
            String summary = errors.size() + (errors.size() == 1 ? " line is" : " lines are")
                    + " invalid; nothing of the batch was written";
            List<ApiProblem.Error> reported = errors.size() > MAX_REPORTED_ERRORS
                    ? errors.subList(0, MAX_REPORTED_ERRORS) : errors;
            throw rejected(status, summary, reported);
        }
        return new Batch(batchId, mode, type, collectedAt, documents);
    }

    /** The next line without its terminator, or null at the end; refuses lines and bodies over the limits. */
    private byte[] nextLine(InputStream in, int lineNumber) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        long max = limits.maxLineSize().toBytes();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= max) {
                throw rejected(HttpStatus.CONTENT_TOO_LARGE, "Line " + lineNumber + " is longer than "
                        + limits.maxLineSize().toBytes() + " bytes", List.of(new ApiProblem.Error(lineNumber, null, "is too long")));
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static Batch.Mode mode(JsonNode value, List<ApiProblem.Error> errors, int line) {
        String text = value.asString("");
        try {
            return Batch.Mode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(errors, line, "batch.mode", "must be \"snapshot\" or \"diff\", got '" + text + "'");
            return Batch.Mode.DIFF;
        }
    }

    private static Instant collectedAt(JsonNode value, List<ApiProblem.Error> errors, int line) {
        try {
            if (value.isMissingNode() || value.isNull()) {
                throw new InvalidDocumentException("batch.collected_at", "is required");
            }
            return Instant.parse(Values.canonicalDate(value, "batch.collected_at"));
        } catch (InvalidDocumentException e) {
            error(errors, line, "batch.collected_at", e.getMessage().replaceFirst("^field '[^']*': ", ""));
            return Instant.EPOCH;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static void error(List<ApiProblem.Error> errors, int line, String field, String reason) {
        errors.add(new ApiProblem.Error(line, field, reason));
    }

    private static BatchRejectedException rejected(HttpStatus status, String message, List<ApiProblem.Error> errors) {
        return new BatchRejectedException(status, message, errors);
    }
}
