package io.agent7.protocol;

import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of every protocol message (docs/AGENT-PROTOCOL.md), for the agent and
 * the ingest API alike: snake_case names, absent values left out, durations as
 * {@link Durations} writes them, times as ISO-8601 in UTC.
 *
 * <p>Written by hand over JSON trees rather than by a data-binding mapper: a mapper's first
 * use loads about a thousand classes, which the agent does not otherwise need and which cost
 * it megabytes of resident memory (see {@link JsonTrees}). Reading is tolerant of fields it
 * does not know, so either side can add one; a known field of the wrong kind is a
 * {@link MalformedMessageException} that names it, with every other such field.
 */
public final class ProtocolCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtocolCodec() {}

    // ---------------------------------------------------------------------------------
    // Messages

    public static byte[] encode(ProtocolMessage message) {
        return JsonTrees.bytes(toJson(message));
    }

    public static ObjectNode toJson(ProtocolMessage message) {
        if (message instanceof EnrollRequest m) {
            return enrollRequest(m);
        } else if (message instanceof EnrollAnswer m) {
            return enrollAnswer(m);
        } else if (message instanceof TokenRequest m) {
            return object().text("agent_id", m.agentId()).text("refresh_token", m.refreshToken()).node;
        } else if (message instanceof TokenAnswer m) {
            return object().text("access_token", m.accessToken())
                    .text("token_type", m.tokenType())
                    .number("expires_in", m.expiresIn())
                    .instant("expires_at", m.expiresAt())
                    .node;
        } else if (message instanceof CheckinReport m) {
            return checkinReport(m);
        } else if (message instanceof CheckinAnswer m) {
            return object().object("policy", m.policy() == null ? null : policy(m.policy()))
                    .texts("forced", m.forced())
                    .instant("server_time", m.serverTime())
                    .node;
        } else if (message instanceof Policy m) {
            return policy(m);
        } else if (message instanceof CommandsAnswer m) {
            ArrayNode commands = NODES.arrayNode();
            m.commands().forEach(c -> commands.add(object().text("id", c.id()).text("signed", c.signed()).node));
            ObjectNode answer = NODES.objectNode();
            answer.set("commands", commands);
            return answer;
        } else if (message instanceof CommandReport m) {
            Out out = object().text("state", m.state().wire()).instant("at", m.at());
            if (m.exitCode() != null) {
                out.number("exit_code", m.exitCode());
            }
            return out.bool("truncated", m.truncated())
                    .number("bytes", m.bytes())
                    .text("sha256", m.sha256())
                    .text("reason", m.reason())
                    .text("message", m.message())
                    .node;
        } else if (message instanceof CommandStatus m) {
            return object().text("id", m.id()).text("state", m.state()).bool("cancel", m.cancel()).node;
        } else if (message instanceof BatchAnswer m) {
            return object().text("batch_id", m.batchId())
                    .text("type", m.type())
                    .number("received", m.received())
                    .number("created", m.created())
                    .number("updated", m.updated())
                    .number("unchanged", m.unchanged())
                    .number("removed", m.removed())
                    .node;
        }
        throw new IllegalArgumentException("Not a protocol message: " + message);
    }

    /** @throws MalformedMessageException when the body is not JSON or not a {@code type} */
    public static <T extends ProtocolMessage> T decode(byte[] json, Class<T> type) {
        JsonNode tree;
        try {
            tree = JsonTrees.read(json);
        } catch (JacksonException e) {
            throw new MalformedMessageException(
                    "The body is not valid JSON",
                    List.of(new MalformedMessageException.Problem(null, e.getOriginalMessage())));
        }
        return fromJson(tree, type);
    }

    /** @throws MalformedMessageException when the tree is not a {@code type} */
    public static <T extends ProtocolMessage> T fromJson(JsonNode json, Class<T> type) {
        List<MalformedMessageException.Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new MalformedMessageException(
                    "The body must be a JSON object",
                    List.of(new MalformedMessageException.Problem(null, "is not an object")));
        }
        Fields in = new Fields(json, "", problems);
        Object message;
        try {
            message = read(in, type);
        } catch (IllegalArgumentException e) {
            // A value of the right kind that a record refuses, such as a collector interval of 0s.
            problems.add(new MalformedMessageException.Problem(null, e.getMessage()));
            message = null;
        }
        if (!problems.isEmpty()) {
            throw new MalformedMessageException("The body is not a valid " + name(type), problems);
        }
        return type.cast(message);
    }

    private static Object read(Fields in, Class<? extends ProtocolMessage> type) {
        Object message;
        if (type == EnrollRequest.class) {
            message = enrollRequest(in);
        } else if (type == EnrollAnswer.class) {
            message = new EnrollAnswer(
                    in.text("agent_id"),
                    in.text("host_id"),
                    in.text("access_token"),
                    in.text("token_type"),
                    in.whole("expires_in", 0),
                    in.instant("expires_at"),
                    in.text("refresh_token"),
                    in.text("ca_certificate"),
                    in.text("command_key"));
        } else if (type == TokenRequest.class) {
            message = new TokenRequest(in.text("agent_id"), in.text("refresh_token"));
        } else if (type == TokenAnswer.class) {
            message = new TokenAnswer(
                    in.text("access_token"),
                    in.text("token_type"),
                    in.whole("expires_in", 0),
                    in.instant("expires_at"));
        } else if (type == CheckinReport.class) {
            message = checkinReport(in);
        } else if (type == CheckinAnswer.class) {
            message = new CheckinAnswer(
                    in.object("policy", ProtocolCodec::policy), in.texts("forced"), in.instant("server_time"));
        } else if (type == Policy.class) {
            message = policy(in);
        } else if (type == CommandsAnswer.class) {
            message = new CommandsAnswer(
                    in.list("commands", (value, at) -> new CommandsAnswer.Delivery(at.text("id"), at.text("signed"))));
        } else if (type == CommandReport.class) {
            message = commandReport(in);
        } else if (type == CommandStatus.class) {
            message = new CommandStatus(in.text("id"), in.text("state"), in.bool("cancel", false));
        } else if (type == BatchAnswer.class) {
            message = new BatchAnswer(
                    in.text("batch_id"),
                    in.text("type"),
                    (int) in.whole("received", 0),
                    (int) in.whole("created", 0),
                    (int) in.whole("updated", 0),
                    (int) in.whole("unchanged", 0),
                    (int) in.whole("removed", 0));
        } else {
            throw new IllegalStateException("Not a protocol message: " + type);
        }
        return message;
    }

    private static CommandReport commandReport(Fields in) {
        String state = in.text("state");
        CommandReport.State parsed = null;
        if (state == null) {
            in.problem("state", "is required");
        } else {
            try {
                parsed = CommandReport.State.fromWire(state);
            } catch (IllegalArgumentException e) {
                in.problem("state", e.getMessage());
            }
        }
        Instant at = in.instant("at");
        if (at == null) {
            in.problem("at", "is required");
        }
        long bytes = in.whole("bytes", 0);
        if (bytes < 0) {
            in.problem("bytes", "must not be negative");
        }
        String sha256 = in.text("sha256");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            in.problem("sha256", "must be 64 lowercase hex digits");
        }
        return new CommandReport(
                parsed,
                at,
                in.optionalWhole("exit_code"),
                in.bool("truncated", false),
                bytes,
                sha256,
                in.text("reason"),
                in.text("message"));
    }

    private static String name(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode enrollRequest(EnrollRequest m) {
        Out out = object().text("site_key", m.siteKey()).text("agent_version", m.agentVersion());
        EnrollRequest.Host h = m.host();
        if (h != null) {
            Out host = object().text("machine_id", h.machineId()).text("name", h.name());
            EnrollRequest.Os os = h.os();
            if (os != null) {
                host.object(
                        "os",
                        object().text("family", os.family())
                                .text("name", os.name())
                                .text("version", os.version())
                                .text("kernel", os.kernel())
                                .node);
            }
            out.object("host", host.node);
        }
        return out.node;
    }

    private static EnrollRequest enrollRequest(Fields in) {
        return new EnrollRequest(
                in.text("site_key"),
                in.text("agent_version"),
                in.object(
                        "host",
                        h -> new EnrollRequest.Host(
                                h.text("machine_id"),
                                h.text("name"),
                                h.object(
                                        "os",
                                        os -> new EnrollRequest.Os(
                                                os.text("family"),
                                                os.text("name"),
                                                os.text("version"),
                                                os.text("kernel"))))));
    }

    private static ObjectNode enrollAnswer(EnrollAnswer m) {
        return object().text("agent_id", m.agentId())
                .text("host_id", m.hostId())
                .text("access_token", m.accessToken())
                .text("token_type", m.tokenType())
                .number("expires_in", m.expiresIn())
                .instant("expires_at", m.expiresAt())
                .text("refresh_token", m.refreshToken())
                .text("ca_certificate", m.caCertificate())
                .text("command_key", m.commandKey())
                .node;
    }

    private static ObjectNode checkinReport(CheckinReport m) {
        Out out = object().text("agent_version", m.agentVersion());
        if (m.policyVersion() != null) {
            out.number("policy_version", m.policyVersion());
        }
        CheckinReport.Host h = m.host();
        if (h != null) {
            Out host = object().text("hostname", h.hostname())
                    .text("domain", h.domain())
                    .texts("ips", h.ips())
                    .texts("macs", h.macs())
                    .text("architecture", h.architecture());
            if (h.uptime() != null) {
                host.number("uptime", h.uptime());
            }
            host.text("boot_id", h.bootId());
            CheckinReport.Os os = h.os();
            if (os != null) {
                host.object(
                        "os",
                        object().text("family", os.family())
                                .text("name", os.name())
                                .text("full", os.full())
                                .text("version", os.version())
                                .text("kernel", os.kernel())
                                .text("platform", os.platform())
                                .text("type", os.type())
                                .node);
            }
            out.object("host", host.node);
        }
        if (m.spool() != null) {
            out.object(
                    "spool",
                    object().number("bytes", m.spool().bytes())
                            .number("dropped_batches", m.spool().droppedBatches())
                            .node);
        }
        out.texts("forced_done", m.forcedDone());
        ArrayNode errors = out.node.putArray("collector_errors");
        for (CollectorError e : m.collectorErrors()) {
            errors.add(object().text("type", e.type())
                    .text("kind", e.kind().wire())
                    .text("detail", e.detail())
                    .node);
        }
        return out.node;
    }

    private static CheckinReport checkinReport(Fields in) {
        return new CheckinReport(
                in.text("agent_version"),
                in.optionalWhole("policy_version"),
                in.object(
                        "host",
                        h -> new CheckinReport.Host(
                                h.text("hostname"),
                                h.text("domain"),
                                h.texts("ips"),
                                h.texts("macs"),
                                h.text("architecture"),
                                h.optionalWhole("uptime"),
                                h.text("boot_id"),
                                h.object(
                                        "os",
                                        os -> new CheckinReport.Os(
                                                os.text("family"),
                                                os.text("name"),
                                                os.text("full"),
                                                os.text("version"),
                                                os.text("kernel"),
                                                os.text("platform"),
                                                os.text("type"))))),
                in.object("spool", s -> new CheckinReport.Spool(s.whole("bytes", 0), s.whole("dropped_batches", 0))),
                in.texts("forced_done"),
                in.list("collector_errors", ProtocolCodec::collectorError));
    }

    /** An error as an object, or as the text of earlier agents ({@link CollectorError#fromText}). */
    private static CollectorError collectorError(JsonNode value, Fields at) {
        if (value.isString()) {
            return CollectorError.fromText(value.asString());
        }
        if (!value.isObject()) {
            at.problem("must be {\"type\": ..., \"kind\": ..., \"detail\": ...}");
            return null;
        }
        Fields e = at.of(value);
        String type = e.text("type");
        if (type == null) {
            e.problem("type", "is required");
            return null;
        }
        String kind = e.text("kind");
        return new CollectorError(
                type, kind == null ? CollectorError.Kind.OTHER : CollectorError.Kind.fromWire(kind), e.text("detail"));
    }

    private static ObjectNode policy(Policy p) {
        Out out = object().text("group", p.group()).number("version", p.version());
        out.object(
                "checkin",
                object().duration("min", p.checkin().min())
                        .duration("max", p.checkin().max())
                        .node);
        out.duration("full_snapshot_interval", p.fullSnapshotInterval());
        ObjectNode collectors = out.node.putObject("collectors");
        p.collectors()
                .forEach((type, s) -> collectors.set(
                        type,
                        object().bool("enabled", s.enabled())
                                .duration("interval", s.interval())
                                .duration("time_budget", s.timeBudget())
                                .node));
        out.texts("registry_keys", p.registryKeys());
        return out.node;
    }

    private static Policy policy(Fields in) {
        Map<String, Policy.Schedule> collectors = new LinkedHashMap<>();
        Fields all = in.object("collectors", f -> f);
        if (all != null) {
            for (Map.Entry<String, JsonNode> entry : all.node.properties()) {
                Policy.Schedule schedule = all.object(
                        entry.getKey(),
                        c -> new Policy.Schedule(
                                c.bool("enabled", false), c.duration("interval"), c.duration("time_budget")));
                if (schedule != null) {
                    collectors.put(entry.getKey(), schedule);
                }
            }
        }
        Policy.Checkin checkin = in.object("checkin", c -> {
            Duration min = c.duration("min");
            Duration max = c.duration("max");
            return new Policy.Checkin(
                    min == null ? Policy.DEFAULT_CHECKIN.min() : min, max == null ? Policy.DEFAULT_CHECKIN.max() : max);
        });
        return new Policy(
                in.text("group"),
                in.whole("version", 0),
                checkin,
                in.duration("full_snapshot_interval"),
                collectors,
                in.texts("registry_keys"));
    }

    // ---------------------------------------------------------------------------------
    // Batches

    /**
     * The wire form of a batch: gzip NDJSON, the header line first, then one {@code upsert}
     * line per document and one {@code remove} line per removal.
     */
    public static byte[] encodeBatch(Batch batch) {
        BatchEncoder encoder = new BatchEncoder(batch.header());
        batch.documents().forEach(encoder::upsert);
        batch.removals().forEach(encoder::remove);
        return encoder.finish();
    }

    /** {@code {"batch": {"id": ..., "mode": ..., "collected_at": ...}}}, the time in UTC milliseconds. */
    public static ObjectNode headerLine(Batch.Header header) {
        ObjectNode line = NODES.objectNode();
        line.set(
                "batch",
                object().text("id", header.id())
                        .text("mode", header.mode().wire())
                        .text("collected_at", Values.formatDate(header.collectedAt()))
                        .node);
        return line;
    }

    /**
     * The header inside the first line's {@code batch} object. {@code collected_at} may carry
     * any zone or be epoch milliseconds. A missing or non-text id reads as null, for the
     * reader's own rule on ids to name.
     *
     * @throws MalformedMessageException naming each field ({@code batch.mode}, ...) that is wrong
     */
    public static Batch.Header header(JsonNode batch) {
        List<MalformedMessageException.Problem> problems = new ArrayList<>();
        JsonNode id = batch.path("id");
        Batch.Mode mode = null;
        try {
            mode = Batch.Mode.fromWire(batch.path("mode").asString(""));
        } catch (IllegalArgumentException e) {
            problems.add(new MalformedMessageException.Problem("batch.mode", e.getMessage()));
        }
        Instant collectedAt = null;
        JsonNode at = batch.path("collected_at");
        try {
            if (at.isMissingNode() || at.isNull()) {
                throw new InvalidDocumentException("batch.collected_at", "is required");
            }
            collectedAt = Instant.parse(Values.canonicalDate(at, "batch.collected_at"));
        } catch (InvalidDocumentException e) {
            problems.add(new MalformedMessageException.Problem(
                    "batch.collected_at", e.getMessage().replaceFirst("^field '[^']*': ", "")));
        }
        if (!problems.isEmpty()) {
            throw new MalformedMessageException("The batch header is not valid", problems);
        }
        return new Batch.Header(id.isString() ? id.asString() : null, mode, collectedAt);
    }

    // ---------------------------------------------------------------------------------
    // Trees

    private static Out object() {
        return new Out(NODES.objectNode());
    }

    /** Writes an object, leaving out what is null. */
    private record Out(ObjectNode node) {

        Out text(String name, String value) {
            if (value != null) {
                node.put(name, value);
            }
            return this;
        }

        Out number(String name, long value) {
            node.put(name, value);
            return this;
        }

        Out bool(String name, boolean value) {
            node.put(name, value);
            return this;
        }

        Out instant(String name, Instant value) {
            return text(name, value == null ? null : value.toString());
        }

        Out duration(String name, Duration value) {
            return text(name, value == null ? null : Durations.format(value));
        }

        Out texts(String name, List<String> values) {
            if (values != null) {
                ArrayNode array = node.putArray(name);
                values.forEach(array::add);
            }
            return this;
        }

        Out object(String name, ObjectNode value) {
            if (value != null) {
                node.set(name, value);
            }
            return this;
        }
    }

    /** Reads the fields of one object; a field of the wrong kind is noted as a problem and reads as absent. */
    private record Fields(JsonNode node, String path, List<MalformedMessageException.Problem> problems) {

        private JsonNode get(String name) {
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        void problem(String name, String reason) {
            problems.add(new MalformedMessageException.Problem(path + name, reason));
        }

        /** A problem with this object as a whole. */
        void problem(String reason) {
            problems.add(new MalformedMessageException.Problem(
                    path.isEmpty() ? null : path.substring(0, path.length() - 1), reason));
        }

        Fields of(JsonNode value) {
            return new Fields(value, path, problems);
        }

        String text(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return null;
            }
            if (!value.isString()) {
                problem(name, "must be a string");
                return null;
            }
            return value.asString();
        }

        Long optionalWhole(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                problem(name, "must be a whole number");
                return null;
            }
            return value.asLong();
        }

        long whole(String name, long fallback) {
            Long value = optionalWhole(name);
            return value == null ? fallback : value;
        }

        boolean bool(String name, boolean fallback) {
            JsonNode value = get(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                problem(name, "must be true or false");
                return fallback;
            }
            return value.asBoolean();
        }

        Instant instant(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                problem(name, "must be an ISO-8601 time with a zone, such as 2026-11-28T12:00:00Z; got '" + text + "'");
                return null;
            }
        }

        Duration duration(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                problem(name, e.getMessage());
                return null;
            }
        }

        List<String> texts(String name) {
            return list(name, (value, at) -> {
                if (!value.isString()) {
                    at.problem("must be a string");
                    return null;
                }
                return value.asString();
            });
        }

        /** The elements of an array, each read by {@code element}; null elements and unreadable ones left out. */
        <T> List<T> list(String name, Element<T> element) {
            JsonNode value = get(name);
            List<T> out = new ArrayList<>();
            if (value == null) {
                return out;
            }
            if (!value.isArray()) {
                problem(name, "must be a list");
                return out;
            }
            int i = 0;
            for (JsonNode item : value) {
                Fields at = new Fields(item, path + name + "[" + i++ + "].", problems);
                T read = item.isNull() ? null : element.read(item, at);
                if (read != null) {
                    out.add(read);
                }
            }
            return out;
        }

        <T> T object(String name, Function<Fields, T> read) {
            JsonNode value = get(name);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                problem(name, "must be an object");
                return null;
            }
            return read.apply(new Fields(value, path + name + ".", problems));
        }
    }

    private interface Element<T> {
        T read(JsonNode value, Fields at);
    }
}
