package io.agent7.search.admin;

import io.agent7.search.security.Actors;
import io.agent7.server.accounts.Account;
import io.agent7.server.accounts.AccountStore;
import io.agent7.server.accounts.ApiToken;
import io.agent7.server.accounts.ApiTokens;
import io.agent7.server.accounts.Role;
import io.agent7.server.audit.AuditChain;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/...}, admins only: accounts, personal API tokens and the audit log.
 * Every change is audited. A token's text is in the answer that issues it and nowhere else,
 * ever: the store keeps a hash.
 */
@RestController
class AdminController {

    static final int MIN_PASSWORD = 12;

    private final AccountStore accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final AuditRecords records;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AdminController(
            AccountStore accounts,
            ApiTokens tokens,
            AuditLog audit,
            AuditRecords records,
            PasswordEncoder encoder,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.records = records;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** A new account: {@code {"name": ..., "password": ..., "role": "analyst"}}. */
    record NewAccount(String name, String password, String role) {}

    /** A token to issue: {@code {"name": "nightly export", "owner": "alice", "role": "viewer", "expires_in_days": 90}}. */
    record NewToken(String name, String owner, String role, Integer expiresInDays) {}

    @GetMapping("/api/v1/admin/accounts")
    Map<String, Object> accounts() {
        return Map.of(
                "accounts",
                accounts.list().stream().map(AdminController::account).toList());
    }

    @PostMapping("/api/v1/admin/accounts")
    ResponseEntity<Map<String, Object>> createAccount(
            @RequestBody NewAccount body, Authentication admin, HttpServletRequest request) {
        String name = required("name", body.name()).strip();
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST, "name must be 1 to 64 letters, digits or . _ @ -, got '" + name + "'");
        }
        String password = required("password", body.password());
        if (password.length() < MIN_PASSWORD) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "password must be at least " + MIN_PASSWORD + " characters");
        }
        Role role = role(body.role());
        Account account = new Account(name, encoder.encode(password), Set.of(role), true, clock.instant());
        if (!accounts.create(account)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "An account named '" + name + "' exists");
        }
        audit.record(event("account.create", admin, request, name, Map.of("role", role.id())));
        return ResponseEntity.status(HttpStatus.CREATED).body(account(account));
    }

    @GetMapping("/api/v1/admin/tokens")
    Map<String, Object> tokens() {
        return Map.of(
                "tokens", tokens.list().stream().map(AdminController::token).toList());
    }

    @PostMapping("/api/v1/admin/tokens")
    ResponseEntity<Map<String, Object>> issue(
            @RequestBody NewToken body, Authentication admin, HttpServletRequest request) {
        String name = required("name", body.name()).strip();
        String owner = required("owner", body.owner()).strip();
        Role role = role(body.role());
        Instant expires = null;
        if (body.expiresInDays() != null) {
            if (body.expiresInDays() < 1 || body.expiresInDays() > 3650) {
                throw new ApiProblem(
                        HttpStatus.BAD_REQUEST, "expires_in_days must be 1 to 3650, got " + body.expiresInDays());
            }
            expires = clock.instant().plus(Duration.ofDays(body.expiresInDays()));
        }
        ApiTokens.Issued issued = tokens.issue(name, owner, Set.of(role), admin.getName(), expires);
        audit.record(event(
                "api_token.issue", admin, request, issued.record().id(), Map.of("owner", owner, "role", role.id())));
        Map<String, Object> answer = token(issued.record());
        answer.put("token", issued.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @PostMapping("/api/v1/admin/tokens/{id}/revoke")
    Map<String, Object> revoke(@PathVariable String id, Authentication admin, HttpServletRequest request) {
        if (!tokens.revoke(id, admin.getName())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No API token '" + id + "' that is not revoked already");
        }
        audit.record(event("api_token.revoke", admin, request, id, Map.of()));
        return Map.of("id", id, "revoked", true);
    }

    /** The newest audit records, optionally of one action ({@code ?action=access.denied}). */
    @GetMapping("/api/v1/admin/audit")
    Map<String, Object> audit(HttpServletRequest request) {
        String action = request.getParameter("action");
        String size = request.getParameter("size");
        int n;
        try {
            n = size == null ? 100 : Integer.parseInt(size);
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "size must be a number from 1 to 1000, got '" + size + "'");
        }
        if (n < 1 || n > 1000) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "size must be a number from 1 to 1000, got " + n);
        }
        return Map.of("records", records.newest(action, n));
    }

    /**
     * Walks the audit log's hash chain and says whether it is whole, or which record is the
     * first broken link and why (edited, missing, replaced). Reading it is itself not audited:
     * it changes nothing.
     */
    @GetMapping("/api/v1/admin/audit/verify")
    Map<String, Object> verifyAudit() throws java.io.IOException {
        AuditChain.Verdict verdict = audit.verify();
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("intact", verdict.intact());
        answer.put("records", verdict.records());
        answer.put("last", verdict.last());
        answer.put("last_hash", verdict.lastHash());
        if (!verdict.intact()) {
            answer.put("broken_at", verdict.brokenAt());
            answer.put("problem", verdict.problem());
        }
        return answer;
    }

    private static AuditEvent event(
            String action, Authentication admin, HttpServletRequest request, String target, Map<String, ?> details) {
        return new AuditEvent(
                action, true, admin.getName(), Actors.roles(admin), request.getRemoteAddr(), target, null, details);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, field + " is required");
        }
        return value;
    }

    private static Role role(String text) {
        if (text == null || text.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "role is required: one of " + roleNames());
        }
        return Role.of(text)
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.BAD_REQUEST, "role must be one of " + roleNames() + ", got '" + text + "'"));
    }

    private static String roleNames() {
        return String.join(", ", Arrays.stream(Role.values()).map(Role::id).toList());
    }

    private static Map<String, Object> account(Account a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("role", a.topRole().id());
        out.put("enabled", a.enabled());
        out.put("created_at", a.createdAt().toString());
        return out;
    }

    private static Map<String, Object> token(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("owner", t.owner());
        out.put("role", t.topRole().id());
        out.put("issued_by", t.issuedBy());
        out.put("created_at", t.createdAt().toString());
        out.put("expires_at", t.expiresAt() == null ? null : t.expiresAt().toString());
        out.put("revoked", t.revoked());
        return out;
    }
}
