package io.agent7.ingest.admin;

import io.agent7.ingest.enrollment.EnrollmentService;
import io.agent7.ingest.enrollment.SiteKey;
import io.agent7.ingest.hosts.HostRegistry;
import io.agent7.ingest.hosts.HostStore;
import io.agent7.ingest.policy.InvalidPolicyException;
import io.agent7.ingest.policy.Policies;
import io.agent7.ingest.policy.PolicyConflictException;
import io.agent7.ingest.policy.PolicySpec;
import io.agent7.protocol.Policy;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin API of the data plane ({@code /api/v1/admin/**}, role admin): site keys,
 * agent revocation, host groups and their policies, forced collections. Every change is
 * audited.
 */
@RestController
class AdminController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

    private final EnrollmentService enrollment;
    private final Policies policies;
    private final HostStore hosts;
    private final HostRegistry registry;
    private final AuditLog audit;

    AdminController(
            EnrollmentService enrollment, Policies policies, HostStore hosts, HostRegistry registry, AuditLog audit) {
        this.enrollment = enrollment;
        this.policies = policies;
        this.hosts = hosts;
        this.registry = registry;
        this.audit = audit;
    }

    record SiteKeyRequest(String name, String group) {}

    @PostMapping("/api/v1/admin/site-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createSiteKey(@RequestBody SiteKeyRequest request, Principal admin) {
        String name = require("name", request.name());
        String group =
                request.group() == null || request.group().isBlank() ? "default" : require("group", request.group());
        EnrollmentService.NewSiteKey created = enrollment.createSiteKey(name, group);
        audit.record(
                "site_key.create", true, admin.getName(), created.id(), null, Map.of("name", name, "group", group));
        Map<String, Object> body = new LinkedHashMap<>(siteKey(created.key()));
        body.put("site_key", created.secret());
        body.put("note", "The key is shown once; Agent7 keeps only its hash.");
        return body;
    }

    @GetMapping("/api/v1/admin/site-keys")
    List<Map<String, Object>> siteKeys() {
        return enrollment.siteKeys().stream().map(AdminController::siteKey).toList();
    }

    @PostMapping("/api/v1/admin/site-keys/{id}/revoke")
    Map<String, Object> revokeSiteKey(@PathVariable String id, Principal admin) {
        if (!enrollment.revokeSiteKey(id)) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No site key with id '" + id + "'");
        }
        audit.record("site_key.revoke", true, admin.getName(), id, null, Map.of());
        return Map.of("id", id, "revoked", true);
    }

    @PostMapping("/api/v1/admin/agents/{agentId}/revoke")
    Map<String, Object> revokeAgent(@PathVariable String agentId, Principal admin) {
        if (!enrollment.revokeAgent(agentId, "revoked by " + admin.getName())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No agent with id '" + agentId + "'");
        }
        audit.record("agent.revoke", true, admin.getName(), agentId, null, Map.of());
        return Map.of("agent_id", agentId, "revoked", true);
    }

    @GetMapping("/api/v1/admin/policies")
    List<JsonNode> allPolicies() {
        return policies.all().stream().map(p -> (JsonNode) PolicySpec.toJson(p)).toList();
    }

    @GetMapping("/api/v1/admin/policies/{group}")
    JsonNode policy(@PathVariable String group) {
        return PolicySpec.toJson(policies.forGroup(require("group", group)));
    }

    @PutMapping("/api/v1/admin/policies/{group}")
    JsonNode updatePolicy(@PathVariable String group, @RequestBody JsonNode spec, Principal admin) {
        Policy updated;
        try {
            updated = policies.update(require("group", group), spec, admin.getName());
        } catch (ApiProblem | InvalidPolicyException | PolicyConflictException e) {
            audit.record("policy.update", false, admin.getName(), group, e.getMessage(), Map.of());
            throw e;
        }
        audit.record("policy.update", true, admin.getName(), group, null, Map.of("version", updated.version()));
        return PolicySpec.toJson(updated);
    }

    record GroupRequest(String group) {}

    @PutMapping("/api/v1/admin/hosts/{hostId}/group")
    Map<String, Object> moveHost(@PathVariable String hostId, @RequestBody GroupRequest request, Principal admin) {
        String group = require("group", request.group());
        if (!hosts.setGroup(registry.documentId(hostId), group)) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No host with id '" + hostId + "' has checked in");
        }
        enrollment.moveHost(hostId, group);
        registry.invalidate(hostId);
        audit.record("host.move", true, admin.getName(), hostId, null, Map.of("group", group));
        return Map.of("host_id", hostId, "group", group);
    }

    record CollectRequest(List<String> types) {}

    @PostMapping("/api/v1/admin/hosts/{hostId}/collect")
    Map<String, Object> forceCollection(
            @PathVariable String hostId, @RequestBody CollectRequest request, Principal admin) {
        List<ApiProblem.Error> errors = new ArrayList<>();
        if (request.types() == null || request.types().isEmpty()) {
            errors.add(new ApiProblem.Error(null, "types", "names no collector"));
        } else {
            for (String type : request.types()) {
                if (!PolicySpec.isCollector(type)) {
                    errors.add(new ApiProblem.Error(
                            null,
                            "types",
                            "'" + type + "' is not a collector; collectors: "
                                    + String.join(", ", PolicySpec.collectorTypes())));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The collection request is not valid", errors);
        }
        List<String> types = request.types().stream().distinct().toList();
        if (!hosts.setForced(registry.documentId(hostId), types)) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No host with id '" + hostId + "' has checked in");
        }
        registry.invalidate(hostId);
        audit.record("host.collect", true, admin.getName(), hostId, null, Map.of("types", String.join(",", types)));
        return Map.of("host_id", hostId, "forced", types);
    }

    private static Map<String, Object> siteKey(SiteKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("name", key.name());
        out.put("group", key.group());
        out.put("created_at", key.createdAt());
        out.put("revoked", key.revoked());
        return out;
    }

    private static String require(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    field + " must be 1 to 64 letters, digits, spaces, '.', '_' or '-'"
                            + ", starting with a letter or digit; got "
                            + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }
}
