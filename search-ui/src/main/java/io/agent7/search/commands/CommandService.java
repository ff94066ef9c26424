package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandSignature;
import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.api.ItemStates;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.console.ConsoleQuery;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sends response commands: checks who asks for what against the server's allowlists, freezes
 * a query to the hosts it matches, signs one command per host, and holds those that need a
 * second responder until one approves. Every request, refusal, approval and cancellation is
 * audited. What an agent then does with a command is the ingest API's and the agent's.
 */
@Service
public class CommandService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int GROUP_PAGE = 1000;
    /** Hosts a refusal names when they are outside the requester's host groups. */
    private static final int NAMED_OUTSIDE = 10;

    private final CommandLedger ledger;
    private final ServerAllowlist allowlist;
    private final CommandsProperties properties;
    private final SearchBackend backend;
    private final Schema schema;
    private final AuditLog audit;
    private final Clock clock;

    CommandService(
            CommandLedger ledger,
            ServerAllowlist allowlist,
            CommandsProperties properties,
            SearchBackend backend,
            Schema schema,
            AuditLog audit,
            Clock clock) {
        this.ledger = ledger;
        this.allowlist = allowlist;
        this.properties = properties;
        this.backend = backend;
        this.schema = schema;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who asks, as audit records name them. */
    public record Requester(String name, List<String> roles, String sourceIp) {}

    /** A request written: its id, and each host's command. */
    public record Requested(String requestId, boolean awaitingApproval, List<Command> commands) {}

    /** The hosts a request's target reaches now, without sending anything. */
    public List<String> hosts(CommandRequest request) {
        return targets(request);
    }

    /**
     * Writes one command per target host.
     *
     * @throws ApiProblem 400 for a bad request or an unknown host, 403 (audited) for a command
     *     the requester may not send, 409 when a query's hosts are not the number confirmed,
     *     503 when no signing key is configured
     */
    public Requested request(Requester who, CommandRequest request) {
        PrivateKey key = signingKey();
        Instant now = clock.instant();
        Command probe = request.command("probe", "probe", properties, now, now.plus(properties.expiry()), "probe");
        ServerAllowlist.Permission permission = allowlist.permission(who.name(), who.roles(), probe);
        if (permission.nowhere()) {
            audit.record(event("command.request", false, who, null, permission.refusal(), details(request, 0)));
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Not allowed: " + permission.refusal());
        }
        List<String> hosts = targets(request);
        Optional<String> outside = outsideGroups(permission, hosts);
        if (outside.isPresent()) {
            audit.record(event("command.request", false, who, null, outside.get(), details(request, hosts.size())));
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Not allowed: " + outside.get());
        }
        if (request.query() != null && (request.confirmHosts() == null || request.confirmHosts() != hosts.size())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "The query matches " + hosts.size() + " hosts now: send confirm_hosts=" + hosts.size()
                            + " to run the command on them");
        }
        boolean approval = hosts.size() > properties.approvalHosts() || probe.shell();
        String requestId = "r-" + UUID.randomUUID();
        Instant expires = now.plus(properties.expiry());
        List<CommandLedger.NewCommand> created = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        for (String host : hosts) {
            Command command = request.command(UUID.randomUUID().toString(), host, properties, now, expires, nonce());
            commands.add(command);
            created.add(new CommandLedger.NewCommand(
                    command,
                    requestId,
                    approval ? null : CommandSignature.sign(command, key),
                    who.name(),
                    request.reason(),
                    request.query() == null ? null : request.query().describe()));
        }
        ledger.create(created, now);
        Map<String, Object> details = details(request, hosts.size());
        details.put("approval", approval ? "required" : "not_required");
        audit.record(event("command.request", true, who, requestId, null, details));
        return new Requested(requestId, approval, commands);
    }

    /**
     * A second responder's approval: the request's commands are signed, with their expiry
     * counted from now, and queued.
     *
     * @throws ApiProblem 404 for an unknown request, 403 when the approver requested it or may
     *     not send it, 409 when nothing of it awaits approval
     */
    public int approve(Requester who, String requestId) {
        List<CommandLedger.Stored> stored = existing(requestId);
        PrivateKey key = signingKey();
        List<CommandLedger.Stored> waiting = stored.stream()
                .filter(s -> "awaiting_approval".equals(s.state()))
                .toList();
        if (waiting.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Nothing of request " + requestId + " awaits approval");
        }
        if (who.name().equalsIgnoreCase(waiting.get(0).requestedBy())) {
            audit.record(event("command.approve", false, who, requestId, "own request", Map.of()));
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN, "A second responder must approve: " + who.name() + " requested it");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(properties.expiry());
        ServerAllowlist.Permission permission = allowlist.permission(
                who.name(), who.roles(), StoredCommands.command(waiting.get(0), now, expires, "probe"));
        Optional<String> refused = permission.nowhere()
                ? Optional.of(permission.refusal())
                : outsideGroups(
                        permission,
                        waiting.stream().map(CommandLedger.Stored::hostId).toList());
        if (refused.isPresent()) {
            audit.record(event("command.approve", false, who, requestId, refused.get(), Map.of()));
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Not allowed to approve: " + refused.get());
        }
        int approved = 0;
        for (CommandLedger.Stored one : waiting) {
            Command command = StoredCommands.command(one, now, expires, nonce());
            if (ledger.approve(one, CommandSignature.sign(command, key), expires, who.name(), now)) {
                approved++;
            }
        }
        audit.record(event("command.approve", true, who, requestId, null, Map.of("commands", approved)));
        return approved;
    }

    /** What a cancel did: commands that will never run, and running ones their agents are told to stop. */
    public record Cancelled(int cancelled, int stopping) {}

    /**
     * Cancels what of the request no host has taken yet, and tells the agents running the rest
     * to stop them (within seconds; they report them {@code cancelled}).
     */
    public Cancelled cancel(Requester who, String requestId) {
        Instant now = clock.instant();
        int cancelled = 0;
        int stopping = 0;
        for (CommandLedger.Stored listed : existing(requestId)) {
            // The list comes from a search, which may lag what the ingest API wrote a moment ago
            // (delivered, running): a change that finds the command changed reads it again.
            Optional<CommandLedger.Stored> one = Optional.of(listed);
            for (int attempt = 0; attempt < 3 && one.isPresent(); attempt++) {
                CommandLedger.Stored current = one.get();
                String state = current.state();
                if ("queued".equals(state) || "awaiting_approval".equals(state)) {
                    if (ledger.cancel(current, who.name(), now)) {
                        cancelled++;
                        break;
                    }
                } else if (("delivered".equals(state) || "running".equals(state))
                        && current.value("command", "cancel_requested_at") == null) {
                    if (ledger.requestCancel(current, who.name(), now)) {
                        stopping++;
                        break;
                    }
                } else {
                    break;
                }
                one = ledger.find(current.id());
            }
        }
        audit.record(event(
                "command.cancel", true, who, requestId, null, Map.of("commands", cancelled, "stopping", stopping)));
        return new Cancelled(cancelled, stopping);
    }

    public List<CommandLedger.Stored> commands(String requestId) {
        return existing(requestId);
    }

    private List<CommandLedger.Stored> existing(String requestId) {
        List<CommandLedger.Stored> stored = ledger.request(requestId, properties.maxHosts());
        if (stored.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No command request " + requestId);
        }
        return stored;
    }

    private List<String> targets(CommandRequest request) {
        if (request.hosts() != null) {
            Set<String> named = new LinkedHashSet<>(request.hosts());
            if (named.size() > properties.maxHosts()) {
                throw ApiProblem.badRequest(
                        "hosts: " + named.size() + " hosts, more than the " + properties.maxHosts() + " allowed");
            }
            Set<String> unknown = new TreeSet<>(named);
            unknown.removeAll(ledger.hostGroups(named).keySet());
            if (!unknown.isEmpty()) {
                throw ApiProblem.badRequest("hosts: no host has the id " + String.join(", ", unknown));
            }
            return List.copyOf(named);
        }
        return matching(request.query());
    }

    /** The hosts with a present item of the query's type that matches it, frozen now. */
    private List<String> matching(CommandRequest.Query query) {
        DataType type = schema.find(query.type())
                .orElseThrow(() -> ApiProblem.badRequest("query.type: no data type '" + query.type() + "'"));
        ConsoleQuery parsed = ConsoleQuery.parse(query.q(), null);
        if (parsed.error() != null) {
            throw ApiProblem.badRequest("query.q: " + parsed.error().getMessage());
        }
        Expr filter = ItemStates.withState(parsed.expr(), "present");
        List<String> hosts = new ArrayList<>();
        String cursor = null;
        try {
            do {
                SearchBackend.Groups page = backend.group(
                        new SearchBackend.GroupRequest(type, filter, List.of("host.id"), GROUP_PAGE, cursor, false));
                for (SearchBackend.Group group : page.groups()) {
                    hosts.add(String.valueOf(group.key().get("host.id")));
                }
                cursor = page.nextCursor();
                if (hosts.size() > properties.maxHosts()) {
                    throw ApiProblem.badRequest("query: it matches more than the " + properties.maxHosts()
                            + " hosts one request may reach");
                }
            } while (cursor != null);
        } catch (QueryException e) {
            throw ApiProblem.badRequest("query.q: " + e.getMessage());
        }
        if (hosts.isEmpty()) {
            throw ApiProblem.badRequest("query: it matches no host");
        }
        return hosts;
    }

    /**
     * Empty when the permission covers every one of {@code hosts}; otherwise which are outside
     * the host groups it is limited to, as the refusal says it.
     */
    private Optional<String> outsideGroups(ServerAllowlist.Permission permission, List<String> hosts) {
        if (permission.everywhere()) {
            return Optional.empty();
        }
        Map<String, String> groups = ledger.hostGroups(hosts);
        List<String> outside = hosts.stream()
                .filter(host -> !permission.allows(groups.get(host)))
                .toList();
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = outside.stream()
                .limit(NAMED_OUTSIDE)
                .map(host -> host + " (" + (groups.get(host) == null ? "no group" : "group " + groups.get(host)) + ")")
                .toList();
        return Optional.of(permission.refusal() + "; it is allowed on the hosts of the group"
                + (permission.groups().size() == 1 ? " " : "s ") + String.join(", ", permission.groups())
                + " only, and " + outside.size() + " of the " + hosts.size() + " hosts are not in "
                + (permission.groups().size() == 1 ? "it" : "them") + ": " + String.join(", ", named)
                + (outside.size() > NAMED_OUTSIDE ? ", ..." : ""));
    }

    private PrivateKey signingKey() {
        PrivateKey key = properties.key();
        if (key == null) {
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Remote response is off: agent7.commands.signing-key names no key (docs/RESPONSE.md)");
        }
        return key;
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, Object> details(CommandRequest request, int hosts) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", request.action().wire());
        if (!request.argv().isEmpty()) {
            details.put("argv", String.join(" ", request.argv()));
        }
        request.params().forEach((name, value) -> details.put("param_" + name, value));
        details.put("shell", request.shell());
        details.put("hosts", hosts);
        if (request.query() != null) {
            details.put("query", request.query().describe());
        }
        return details;
    }

    private static AuditEvent event(
            String action, boolean success, Requester who, String target, String reason, Map<String, ?> details) {
        return new AuditEvent(action, success, who.name(), who.roles(), who.sourceIp(), target, reason, details);
    }
}
