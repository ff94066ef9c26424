package io.agent7.search.commands;

import io.agent7.protocol.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored command back as the {@link Command} to sign, and as the API shows it. */
final class StoredCommands {

    private StoredCommands() {}

    /** The stored command, to be signed now with a new expiry and nonce. */
    static Command command(CommandLedger.Stored stored, Instant now, Instant expires, String nonce) {
        Map<String, String> params = new LinkedHashMap<>();
        if (stored.value("command", "params") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> params.put(k.toString(), String.valueOf(v)));
        }
        List<String> argv = stored.value("command", "argv") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
        return new Command(
                stored.id(),
                stored.hostId(),
                Command.Action.fromWire(String.valueOf(stored.value("command", "action"))),
                argv,
                params,
                Boolean.TRUE.equals(stored.value("command", "shell")),
                Duration.ofMillis(((Number) stored.value("command", "timeout_ms")).longValue()),
                ((Number) stored.value("command", "output_cap")).longValue(),
                now,
                expires,
                nonce);
    }

    /** What {@code GET} answers about one command: its {@code command} fields, host and requester. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(CommandLedger.Stored stored) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", stored.id());
        answer.put("host_id", stored.hostId());
        answer.put("requested_by", stored.requestedBy());
        if (stored.value("command") instanceof Map<?, ?> command) {
            ((Map<String, Object>) command).forEach((name, value) -> {
                if (!name.equals("id") && !name.equals("signed")) {
                    answer.put(name, value);
                }
            });
        }
        return answer;
    }
}
