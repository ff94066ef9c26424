package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.server.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a responder asks for, as {@code POST /api/v1/commands} takes it:
 *
 * <pre>
 * {"hosts": ["host-id", ...]}  or  {"query": {"type": "process", "q": "process.name,eq,nc"}, "confirm_hosts": 3}
 * "action": "process_list" | "kill_process" | "file_info" | "get_file" | "list_directory" | "collect_now" | "run",
 * "params": {"pid": "123", "start": "2026-12-05T10:00:00Z"},   (the built-in actions')
 * "argv": ["/usr/bin/journalctl", "-n", "100"], "shell": false,  (run's)
 * "timeout_seconds": 60, "reason": "why, in the responder's words"
 * </pre>
 *
 * @param hosts        the hosts named one by one, or null for a query's
 * @param query        the query whose hosts it goes to, or null
 * @param confirmHosts for a query: how many hosts the responder saw it match and confirmed
 */
public record CommandRequest(
        List<String> hosts,
        Query query,
        Integer confirmHosts,
        Command.Action action,
        List<String> argv,
        Map<String, String> params,
        boolean shell,
        Duration timeout,
        String reason) {

    /** A data type and a query in either syntax the console takes. */
    public record Query(String type, String q) {

        /** As the command's document and the audit keep it: {@code type: q}. */
        public String describe() {
            return type + ": " + q;
        }
    }

    private static final Set<String> FIELDS =
            Set.of("hosts", "query", "confirm_hosts", "action", "argv", "params", "shell", "timeout_seconds", "reason");
    private static final Map<Command.Action, List<String>> REQUIRED_PARAMS = Map.of(
            Command.Action.KILL_PROCESS, List.of("pid", "start"),
            Command.Action.FILE_INFO, List.of("path"),
            Command.Action.GET_FILE, List.of("path"),
            Command.Action.LIST_DIRECTORY, List.of("path"),
            Command.Action.COLLECT_NOW, List.of("type"));
    private static final int MAX_REASON = 1000;
    private static final long MAX_TIMEOUT_SECONDS = 24 * 3600;

    /**
     * The request in {@code body}.
     *
     * @throws ApiProblem 400 naming every field that is wrong
     */
    public static CommandRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The body must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'");
            }
        }
        List<String> hosts = null;
        Query query = null;
        if (body.has("hosts") == body.has("query")) {
            problems.add("give hosts (a list of host ids) or query ({\"type\", \"q\"}), one of them");
        } else if (body.has("hosts")) {
            hosts = strings(body.get("hosts"), "hosts", problems);
            if (hosts != null && hosts.isEmpty()) {
                problems.add("hosts: empty");
            }
        } else {
            JsonNode q = body.get("query");
            if (!q.isObject() || !q.path("type").isString() || !q.path("q").isString()) {
                problems.add("query: must be {\"type\": \"<data type>\", \"q\": \"<query>\"}");
            } else {
                query = new Query(q.get("type").asString(), q.get("q").asString());
            }
        }
        Integer confirm = null;
        if (body.has("confirm_hosts")) {
            if (!body.get("confirm_hosts").canConvertToInt()
                    || body.get("confirm_hosts").asInt() < 0) {
                problems.add("confirm_hosts: must be a whole number of hosts");
            } else {
                confirm = body.get("confirm_hosts").asInt();
            }
        }
        Command.Action action = null;
        if (!body.path("action").isString()) {
            problems.add("action: required, one of " + actions());
        } else {
            try {
                action = Command.Action.fromWire(body.get("action").asString());
            } catch (IllegalArgumentException e) {
                problems.add("action: " + e.getMessage());
            }
        }
        List<String> argv = body.has("argv") ? strings(body.get("argv"), "argv", problems) : List.of();
        Map<String, String> params = new LinkedHashMap<>();
        if (body.has("params")) {
            if (!body.get("params").isObject()) {
                problems.add("params: must be an object of names and values");
            } else {
                for (var entry : body.get("params").properties()) {
                    JsonNode value = entry.getValue();
                    if (!value.isValueNode() || value.isNull()) {
                        problems.add("params." + entry.getKey() + ": must be text or a number");
                    } else {
                        params.put(entry.getKey(), value.asString());
                    }
                }
            }
        }
        if (action != null) {
            for (String needed : REQUIRED_PARAMS.getOrDefault(action, List.of())) {
                if (params.getOrDefault(needed, "").isBlank()) {
                    problems.add("params." + needed + ": " + action.wire() + " needs it");
                }
            }
        }
        boolean shell = false;
        if (body.has("shell")) {
            if (!body.get("shell").isBoolean()) {
                problems.add("shell: must be true or false");
            } else {
                shell = body.get("shell").asBoolean();
            }
        }
        Duration timeout = null;
        if (body.has("timeout_seconds")) {
            JsonNode t = body.get("timeout_seconds");
            if (!t.canConvertToLong() || t.asLong() < 1 || t.asLong() > MAX_TIMEOUT_SECONDS) {
                problems.add("timeout_seconds: must be a whole number from 1 to " + MAX_TIMEOUT_SECONDS);
            } else {
                timeout = Duration.ofSeconds(t.asLong());
            }
        }
        String reason = null;
        if (body.has("reason")) {
            if (!body.get("reason").isString() || body.get("reason").asString().length() > MAX_REASON) {
                problems.add("reason: must be text of at most " + MAX_REASON + " characters");
            } else if (!body.get("reason").asString().isBlank()) {
                reason = body.get("reason").asString().strip();
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest(String.join("; ", problems));
        }
        CommandRequest request = new CommandRequest(
                hosts, query, confirm, action, argv == null ? List.of() : argv, params, shell, timeout, reason);
        try {
            Instant now = Instant.EPOCH;
            request.command("check", "check", null, now, now.plusSeconds(1), "check");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return request;
    }

    /** The command for one host; limits the request leaves out come from {@code defaults}. */
    Command command(String id, String hostId, CommandsProperties defaults, Instant now, Instant expires, String nonce) {
        Duration chosen = timeout != null ? timeout : defaults != null ? defaults.timeout() : Command.DEFAULT_TIMEOUT;
        long cap = defaults != null ? defaults.outputCap() : Command.DEFAULT_OUTPUT_CAP;
        return new Command(id, hostId, action, argv, params, shell, chosen, cap, now, expires, nonce);
    }

    private static List<String> strings(JsonNode node, String field, List<String> problems) {
        if (!node.isArray()) {
            problems.add(field + ": must be a list of text");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode one : node) {
            if (!one.isString() || one.asString().isEmpty()) {
                problems.add(field + ": every entry must be non-empty text");
                return null;
            }
            values.add(one.asString());
        }
        return values;
    }

    private static String actions() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Command.Action.values())
                        .map(Command.Action::wire)
                        .toList());
    }
}
