package io.agent7.ingest.commands;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.CommandReport;
import io.agent7.protocol.CommandStatus;
import io.agent7.protocol.CommandsAnswer;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The agents' side of remote response (docs/RESPONSE.md): the long poll for commands, output
 * chunks, and reports of how each command went. An agent may speak only of its own host's
 * commands; anything else is a 403 and an audit record.
 */
@RestController
class AgentCommandsController {

    /** The longest a poll is held. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** The largest output chunk an agent may send at once. */
    static final int MAX_CHUNK = 1024 * 1024;

    private static final Set<String> REPORTABLE = Set.of("delivered", "running");

    private final CommandDelivery delivery;
    private final CommandStore store;
    private final AuditLog audit;
    private final Clock clock;

    AgentCommandsController(CommandDelivery delivery, CommandStore store, AuditLog audit, Clock clock) {
        this.delivery = delivery;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code GET /api/v1/agents/commands?wait=30}: held until a command comes, or {@code wait} seconds; 0 answers at once. */
    @GetMapping("/api/v1/agents/commands")
    DeferredResult<CommandsAnswer> commands(
            @AuthenticationPrincipal Jwt token, @RequestParam(name = "wait", defaultValue = "30") String wait) {
        long seconds;
        try {
            seconds = Long.parseLong(wait);
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "wait must be whole seconds from 0 to 60, got '" + wait + "'");
        }
        if (seconds < 0 || seconds > MAX_WAIT.toSeconds()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "wait must be whole seconds from 0 to 60, got " + seconds);
        }
        AgentPrincipal agent = AgentPrincipal.of(token);
        if (seconds == 0) {
            DeferredResult<CommandsAnswer> now = new DeferredResult<>();
            now.setResult(new CommandsAnswer(delivery.takeNow(agent.hostId())));
            return now;
        }
        return delivery.await(agent.hostId(), Duration.ofSeconds(seconds));
    }

    /**
     * {@code GET /api/v1/agents/commands/{id}}: where one of this host's commands stands, and
     * whether a responder cancelled it after the agent took it; the agent asks while it runs one.
     */
    @GetMapping("/api/v1/agents/commands/{id}")
    CommandStatus status(@AuthenticationPrincipal Jwt token, @PathVariable String id, HttpServletRequest request) {
        CommandStore.Stored command = own(AgentPrincipal.of(token), id, request);
        return new CommandStatus(
                id, command.state(), command.cancelRequested() && REPORTABLE.contains(command.state()));
    }

    /** {@code POST /api/v1/agents/commands/{id}/output?seq=N}: one chunk of output, raw bytes. */
    @PostMapping(path = "/api/v1/agents/commands/{id}/output")
    ResponseEntity<Void> output(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String id,
            @RequestParam(name = "seq") String seq,
            @RequestBody(required = false) byte[] chunk,
            HttpServletRequest request) {
        AgentPrincipal agent = AgentPrincipal.of(token);
        CommandStore.Stored command = own(agent, id, request);
        long n;
        try {
            n = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST, "seq must be the chunk's place, 0, 1, 2, ..., got '" + seq + "'");
        }
        if (n < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "seq must not be negative, got " + n);
        }
        if (chunk == null || chunk.length == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "the chunk is empty");
        }
        if (chunk.length > MAX_CHUNK) {
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE, "a chunk holds at most " + MAX_CHUNK + " bytes, got " + chunk.length);
        }
        if (!REPORTABLE.contains(command.state())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT, "command " + id + " is " + command.state() + ": it takes no more output");
        }
        store.appendOutput(id, agent.hostId(), n, chunk, clock.instant());
        return ResponseEntity.noContent().build();
    }

    /** {@code POST /api/v1/agents/commands/{id}/report}: running, ended, or refused. */
    @PostMapping("/api/v1/agents/commands/{id}/report")
    ResponseEntity<Void> report(
            @AuthenticationPrincipal Jwt token,
            @PathVariable String id,
            @RequestBody CommandReport report,
            HttpServletRequest request) {
        AgentPrincipal agent = AgentPrincipal.of(token);
        CommandStore.Stored command = own(agent, id, request);
        if (!REPORTABLE.contains(command.state())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "command " + id + " is " + command.state() + ": it cannot become "
                            + report.state().wire());
        }
        store.report(id, report);
        if (report.state().finished()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("command_id", id);
            details.put("action", command.action());
            details.put("state", report.state().wire());
            if (report.exitCode() != null) {
                details.put("exit_code", report.exitCode());
            }
            if (report.sha256() != null) {
                details.put("output_sha256", report.sha256());
            }
            details.put("output_bytes", report.bytes());
            boolean refused = report.state() == CommandReport.State.REFUSED;
            audit.record(new AuditEvent(
                    refused ? "command.refused_by_agent" : "command.result",
                    report.state() == CommandReport.State.DONE,
                    "agent:" + agent.agentId(),
                    List.of(),
                    request.getRemoteAddr(),
                    agent.hostId(),
                    refused ? report.reason() : null,
                    details));
        }
        return ResponseEntity.noContent().build();
    }

    /** The command, when it is this agent's host's; otherwise a 404 or a 403 and an audit record. */
    private CommandStore.Stored own(AgentPrincipal agent, String id, HttpServletRequest request) {
        CommandStore.Stored command =
                store.find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "no command " + id));
        if (!command.hostId().equals(agent.hostId())) {
            audit.record(new AuditEvent(
                    "command.other_host",
                    false,
                    "agent:" + agent.agentId(),
                    List.of(),
                    request.getRemoteAddr(),
                    agent.hostId(),
                    "spoke of command " + id + " of host " + command.hostId(),
                    Map.of("command_id", id)));
            throw new ApiProblem(HttpStatus.FORBIDDEN, "command " + id + " is not this host's");
        }
        return command;
    }
}
