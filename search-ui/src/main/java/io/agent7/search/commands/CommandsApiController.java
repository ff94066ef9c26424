package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.search.security.Actors;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/commands}, responders and admins only: send a command to hosts named one by
 * one or to those a query matches, see where each host's command stands and what it printed,
 * approve another responder's request, cancel it (what runs is stopped by its agent). docs/RESPONSE.md has examples.
 */
@RestController
class CommandsApiController {

    /** Hosts a preview lists; it counts them all. */
    private static final int PREVIEW_HOSTS = 100;

    private final CommandService commands;
    private final CommandLedger ledger;
    private final CommandsProperties properties;

    CommandsApiController(CommandService commands, CommandLedger ledger, CommandsProperties properties) {
        this.commands = commands;
        this.ledger = ledger;
        this.properties = properties;
    }

    @PostMapping("/api/v1/commands")
    ResponseEntity<Map<String, Object>> create(
            @RequestBody(required = false) JsonNode body, Authentication who, HttpServletRequest request) {
        CommandService.Requested requested = commands.request(requester(who, request), CommandRequest.parse(body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("request_id", requested.requestId());
        answer.put("state", requested.awaitingApproval() ? "awaiting_approval" : "queued");
        answer.put("hosts", requested.commands().size());
        answer.put(
                "commands",
                requested.commands().stream()
                        .map(c -> Map.of("id", c.id(), "host_id", c.hostId()))
                        .toList());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /** The hosts a request would reach now: what the console shows before a fleet-wide command. */
    @PostMapping("/api/v1/commands/preview")
    Map<String, Object> preview(@RequestBody(required = false) JsonNode body) {
        List<String> hosts = commands.hosts(CommandRequest.parse(body));
        return Map.of(
                "hosts",
                hosts.size(),
                "host_ids",
                hosts.subList(0, Math.min(hosts.size(), PREVIEW_HOSTS)),
                "needs_approval",
                hosts.size() > properties.approvalHosts());
    }

    @GetMapping("/api/v1/commands/requests/{requestId}")
    Map<String, Object> request(@PathVariable String requestId) {
        List<CommandLedger.Stored> stored = commands.commands(requestId);
        Map<String, Long> states = new TreeMap<>();
        stored.forEach(s -> states.merge(s.state(), 1L, Long::sum));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("request_id", requestId);
        answer.put("states", states);
        answer.put("commands", stored.stream().map(StoredCommands::json).toList());
        return answer;
    }

    @PostMapping("/api/v1/commands/requests/{requestId}/approve")
    Map<String, Object> approve(@PathVariable String requestId, Authentication who, HttpServletRequest request) {
        return Map.of("approved", commands.approve(requester(who, request), requestId));
    }

    @PostMapping("/api/v1/commands/requests/{requestId}/cancel")
    Map<String, Object> cancel(@PathVariable String requestId, Authentication who, HttpServletRequest request) {
        CommandService.Cancelled done = commands.cancel(requester(who, request), requestId);
        return Map.of("cancelled", done.cancelled(), "stopping", done.stopping());
    }

    /** One command, with its output as text when it is UTF-8, else as base64. */
    @GetMapping("/api/v1/commands/{id}")
    Map<String, Object> one(@PathVariable String id) {
        CommandLedger.Stored stored = find(id);
        Map<String, Object> answer = StoredCommands.json(stored);
        byte[] output = ledger.output(id, cap(stored));
        try {
            answer.put(
                    "output",
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(output))
                            .toString());
        } catch (CharacterCodingException e) {
            answer.put("output_base64", Base64.getEncoder().encodeToString(output));
        }
        return answer;
    }

    /** The output as the agent sent it, byte for byte: a fetched file, for instance. */
    @GetMapping("/api/v1/commands/{id}/output")
    ResponseEntity<byte[]> output(@PathVariable String id) {
        CommandLedger.Stored stored = find(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".out\"")
                .body(ledger.output(id, cap(stored)));
    }

    private CommandLedger.Stored find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiProblem.badRequest("'" + id + "' is not a command id");
        }
        return ledger.find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No command " + id));
    }

    private static long cap(CommandLedger.Stored stored) {
        return stored.value("command", "output_cap") instanceof Number n ? n.longValue() : Command.DEFAULT_OUTPUT_CAP;
    }

    private static CommandService.Requester requester(Authentication who, HttpServletRequest request) {
        return new CommandService.Requester(Actors.name(who), Actors.roles(who), request.getRemoteAddr());
    }
}
