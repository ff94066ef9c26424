package io.agent7.ingest.ingest;

import io.agent7.protocol.Batch;
import io.agent7.protocol.MalformedMessageException;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentNormalizer;
import io.agent7.schema.Documents;
import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.StoredDocument;
import io.agent7.server.web.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the batch formats of docs/AGENT-PROTOCOL.md: NDJSON (a header line, then one
 * {@code {"upsert": {document}}} or {@code {"remove": {identity}}} per line) or one JSON
 * object. Everything is checked before anything is written; the errors name each bad line
 * (or entry) and why.
 */
final class BatchReader {

    /** More than this many errors are summarised: the agent has a bug, not a typo. */
    static final int MAX_REPORTED_ERRORS = 100;

    static final String OTHER_HOST = "names another host; an agent may write only its own host's documents";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IngestProperties limits;

    BatchReader(IngestProperties limits) {
        this.limits = limits;
    }

    Batch read(InputStream body, DataType type, DocumentNormalizer normalizer, String hostId) throws IOException {
        return trees(read(body, type, normalizer, hostId, false));
    }

    /**
     * {@link #read(InputStream, DataType, DocumentNormalizer, String)} with the documents in
     * stored form: an upsert line read in one pass goes into slots without a tree; another
     * line is read as a tree, as it always is, and slotted after.
     */
    StoredBatch readStored(InputStream body, DataType type, DocumentNormalizer normalizer, String hostId)
            throws IOException {
        return read(body, type, normalizer, hostId, true);
    }

    /** The batch with its documents as the trees they were read as. */
    private static Batch trees(StoredBatch batch) {
        return Batch.of(
                batch.header(),
                batch.type(),
                batch.documents().stream().map(StoredDocument::tree).toList(),
                batch.removals());
    }

    /** @param slots whether upserts are stored in slots, or kept as the trees they were read as */
    private StoredBatch read(
            InputStream body, DataType type, DocumentNormalizer normalizer, String hostId, boolean slots)
            throws IOException {
        List<ApiProblem.Error> errors = new ArrayList<>();
        List<StoredDocument> documents = new ArrayList<>();
        List<ObjectNode> removals = new ArrayList<>();
        int lineNumber = 0;
        Batch.Header batch = null;
        boolean headerSeen = false;
        Lines lines = new Lines(body);
        byte[] line;
        while ((line = lines.next(lineNumber + 1)) != null) {
            lineNumber++;
            if (isBlank(line)) {
                continue;
            }
            if (headerSeen && streamed(line, documents, removals, hostId, normalizer, lineNumber, slots)) {
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
                    throw rejected(
                            BatchRejectedException.Reason.INVALID,
                            "The first line must be the batch header "
                                    + "{\"batch\": {\"id\": ..., \"mode\": \"snapshot\"|\"diff\", \"collected_at\": ...}}",
                            List.of(new ApiProblem.Error(lineNumber, "batch", "is missing")));
                }
                batch = header(header, errors, lineNumber);
                continue;
            }
            if (node == null) {
                continue;
            }
            entry(node, lineNumber, null, documents, removals, errors, hostId, normalizer, slots);
        }
        if (!headerSeen) {
            throw rejected(
                    BatchRejectedException.Reason.INVALID,
                    "The batch is empty: it needs at least the header line",
                    List.of());
        }
        return finish(batch, type, documents, removals, errors);
    }

    /**
     * Reads an entry line that is valid in one pass, without a tree of what was sent (the
     * common case, and most of a batch's parsing). False, with nothing added, when the line
     * is anything else: the tree path then reads it again and names what is wrong, exactly as
     * for any other line.
     */
    private boolean streamed(
            byte[] line,
            List<StoredDocument> documents,
            List<ObjectNode> removals,
            String hostId,
            DocumentNormalizer normalizer,
            int lineNumber,
            boolean slots) {
        checkCount(documents, removals, lineNumber, null);
        try (JsonParser parser = JsonTrees.strictParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME) {
                return false;
            }
            boolean upsert = parser.currentName().equals("upsert");
            if (!upsert && !parser.currentName().equals("remove")) {
                return false;
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            StoredDocument document = null;
            ObjectNode tree = null;
            if (upsert && slots) {
                document = normalizer.readStored(parser, hostId, true);
            } else {
                tree = normalizer.read(parser, hostId, upsert);
            }
            if (parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return false;
            }
            if (!upsert) {
                removals.add(tree);
            } else {
                documents.add(document != null ? document : StoredDocument.tree(normalizer.type(), tree));
            }
            return true;
        } catch (JacksonException | InvalidDocumentException e) {
            return false;
        }
    }

    /**
     * The JSON form: {@code {"batch": {...}, "upserts": [documents], "removes": [identities]}}.
     * Errors name the entry, e.g. {@code upserts[3].process.pid}.
     */
    Batch read(JsonNode body, DataType type, DocumentNormalizer normalizer, String hostId) {
        if (body == null || !body.isObject() || !body.path("batch").isObject()) {
            throw rejected(
                    BatchRejectedException.Reason.INVALID,
                    "The body must be {\"batch\": {...}, \"upserts\": [...], \"removes\": [...]}",
                    List.of(new ApiProblem.Error(null, "batch", "is missing")));
        }
        List<ApiProblem.Error> errors = new ArrayList<>();
        for (String key : body.propertyNames()) {
            if (!key.equals("batch") && !key.equals("upserts") && !key.equals("removes")) {
                errors.add(new ApiProblem.Error(
                        null, key, "is not part of a batch; a batch has batch, upserts and removes"));
            }
        }
        Batch.Header batch = header(body.path("batch"), errors, null);
        List<StoredDocument> documents = new ArrayList<>();
        List<ObjectNode> removals = new ArrayList<>();
        for (String list : List.of("upserts", "removes")) {
            JsonNode entries = body.path(list);
            if (entries.isMissingNode()) {
                continue;
            }
            if (!entries.isArray()) {
                errors.add(new ApiProblem.Error(null, list, "must be an array"));
                continue;
            }
            int i = 0;
            for (JsonNode entry : entries) {
                var wrapped = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrapped.set(list.equals("upserts") ? "upsert" : "remove", entry);
                entry(wrapped, null, list + "[" + i++ + "]", documents, removals, errors, hostId, normalizer, false);
            }
        }
        return trees(finish(batch, type, documents, removals, errors));
    }

    /**
     * The header as the protocol reads it, with this API's own rule on ids; each wrong field
     * is noted as an error of the header's line. Null when any is wrong.
     */
    private static Batch.Header header(JsonNode header, List<ApiProblem.Error> errors, Integer line) {
        Batch.Header batch = null;
        try {
            batch = ProtocolCodec.header(header);
        } catch (MalformedMessageException e) {
            e.problems().forEach(p -> error(errors, line, p.field(), p.reason()));
        }
        String id = batch != null ? batch.id() : text(header, "id");
        if (id == null || id.isBlank() || id.length() > 128) {
            error(errors, line, "batch.id", "is required, at most 128 characters");
            return null;
        }
        return batch;
    }

    private void entry(
            JsonNode node,
            Integer line,
            String where,
            List<StoredDocument> documents,
            List<ObjectNode> removals,
            List<ApiProblem.Error> errors,
            String hostId,
            DocumentNormalizer normalizer,
            boolean slots) {
        checkCount(documents, removals, line, where);
        boolean upsert =
                node.isObject() && node.size() == 1 && node.path("upsert").isObject();
        boolean remove =
                node.isObject() && node.size() == 1 && node.path("remove").isObject();
        if (!upsert && !remove) {
            error(errors, line, where, "must be {\"upsert\": {document}} or {\"remove\": {identity fields}}");
            return;
        }
        JsonNode document = upsert ? node.path("upsert") : node.path("remove");
        JsonNode claimedHost = Documents.get(document, CommonFields.HOST_ID);
        if (claimedHost != null && !claimedHost.isNull() && !hostId.equals(claimedHost.asString(""))) {
            errors.add(new ApiProblem.Error(line, prefixed(where, CommonFields.HOST_ID), OTHER_HOST));
            return;
        }
        try {
            if (upsert) {
                ObjectNode stored = normalizer.normalize(document, hostId);
                documents.add(
                        slots
                                ? StoredDocument.of(normalizer.type(), stored)
                                : StoredDocument.tree(normalizer.type(), stored));
            } else { // a removal writes no field but the state's: its identity is all it needs
                removals.add(normalizer.normalize(document));
            }
        } catch (InvalidDocumentException e) {
            String reason = e.field() == null
                    ? e.getMessage()
                    : e.getMessage().substring(("field '" + e.field() + "': ").length());
            errors.add(new ApiProblem.Error(line, prefixed(where, e.field()), reason));
        }
    }

    private void checkCount(List<StoredDocument> documents, List<ObjectNode> removals, Integer line, String where) {
        if (documents.size() + removals.size() >= limits.maxDocuments()) {
            throw rejected(
                    BatchRejectedException.Reason.TOO_LARGE,
                    "The batch has more than " + limits.maxDocuments() + " documents; split it",
                    List.of(new ApiProblem.Error(line, where, "is past the limit")));
        }
    }

    private static String prefixed(String where, String field) {
        if (where == null) {
            return field;
        }
        return field == null ? where : where + "." + field;
    }

    /** The batch, or every error found; {@code header} is null when it was not valid (and noted). */
    private static StoredBatch finish(
            Batch.Header header,
            DataType type,
            List<StoredDocument> documents,
            List<ObjectNode> removals,
            List<ApiProblem.Error> errors) {
        if (header != null && header.mode() == Batch.Mode.SNAPSHOT && !removals.isEmpty()) {
            errors.add(new ApiProblem.Error(
                    null,
                    "remove",
                    "a snapshot lists what is there; what it lacks is removed, "
                            + "so it takes no remove entries (send them in a diff batch)"));
        }
        if (type.series() && !removals.isEmpty()) {
            errors.add(new ApiProblem.Error(
                    null, "remove", "'" + type.name() + "' is a series: samples are never removed"));
        }
        if (!errors.isEmpty()) {
            boolean otherHost = errors.stream().anyMatch(e -> OTHER_HOST.equals(e.reason()));
            BatchRejectedException.Reason reason =
                    otherHost ? BatchRejectedException.Reason.OTHER_HOST : BatchRejectedException.Reason.INVALID;
            String summary = errors.size() + (errors.size() == 1 ? " line is" : " lines are")
                    + " invalid; nothing of the batch was written";
            List<ApiProblem.Error> reported =
                    errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors;
            throw rejected(reason, summary, reported);
        }
        return new StoredBatch(header, type, documents, removals);
    }

    /**
     * Splits a body into lines a buffer at a time (a byte-at-a-time read through the gzip and
     * counting streams cost more CPU than parsing the JSON); refuses lines over the limit.
     */
    private final class Lines {

        private final InputStream in;
        private final int max;
        private byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private boolean eof;

        Lines(InputStream in) {
            this.in = in;
            this.max =
                    (int) Math.min(Integer.MAX_VALUE - 16, limits.maxLineSize().toBytes());
        }

        /** The next line without its terminator, or null at the end. */
        byte[] next(int lineNumber) throws IOException {
            int scanned = start;
            while (true) {
                for (int i = scanned; i < end; i++) {
                    if (buffer[i] == '\n') {
                        checkLength(i - start, lineNumber);
                        byte[] line = Arrays.copyOfRange(buffer, start, i);
                        start = i + 1;
                        return line;
                    }
                }
                checkLength(end - start, lineNumber);
                if (eof) {
                    if (start == end) {
                        return null;
                    }
                    byte[] last = Arrays.copyOfRange(buffer, start, end);
                    start = end;
                    return last;
                }
                int scannedLength = end - start;
                fill();
                scanned = start + scannedLength;
            }
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(Integer.MAX_VALUE - 16, buffer.length * 2));
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }

        private void checkLength(int length, int lineNumber) {
            if (length > max) {
                throw rejected(
                        BatchRejectedException.Reason.TOO_LARGE,
                        "Line " + lineNumber + " is longer than " + max + " bytes",
                        List.of(new ApiProblem.Error(lineNumber, null, "is too long")));
            }
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static void error(List<ApiProblem.Error> errors, Integer line, String field, String reason) {
        errors.add(new ApiProblem.Error(line, field, reason));
    }

    private static BatchRejectedException rejected(
            BatchRejectedException.Reason reason, String message, List<ApiProblem.Error> errors) {
        return new BatchRejectedException(reason, message, errors);
    }
}
