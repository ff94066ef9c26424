package io.agent7.server.accounts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Personal API tokens, in the schema's {@code api_token} index. A token reads
 * {@code a7t_<id>.<secret>}: the id finds the record, the secret is checked against the
 * SHA-256 kept there, and the token itself is never stored. Every check reads the record, so
 * a revoked token stops working at once, on every instance of the service.
 */
public class ApiTokens {

    /** What every token starts with, so that a bearer credential can be told from a JWT. */
    public static final String PREFIX = "a7t_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_BYTES = 9;
    private static final int SECRET_BYTES = 32;

    private final ElasticsearchClient client;
    private final DataType type;
    private final Clock clock;

    public ApiTokens(ElasticsearchClient client, Schema schema, Clock clock) {
        this.client = client;
        this.type = schema.serverType("api_token");
        this.clock = clock;
    }

    /** A token just issued: the only time its text exists outside its holder's hands. */
    public record Issued(String token, ApiToken record) {}

    /** Issues a token; {@code expiresAt} may be null for a token that does not expire. */
    public Issued issue(String name, String owner, Set<Role> roles, String issuedBy, Instant expiresAt) {
        String id = random(ID_BYTES);
        String secret = random(SECRET_BYTES);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(id, name, owner, roles, issuedBy, now, expiresAt, false);
        StoredDocument doc = StoredDocument.of(type, now)
                .put("api_token.id", id)
                .put("api_token.name", name)
                .put("api_token.owner", owner)
                .put("api_token.roles", roles.stream().map(Role::id).sorted().toList())
                .put("api_token.hash", sha256(secret))
                .put("api_token.issued_by", issuedBy)
                .put("api_token.created_at", now)
                .put("api_token.revoked", false);
        if (expiresAt != null) {
            doc.put("api_token.expires_at", expiresAt);
        }
        ElasticsearchErrors.call(
                "Issuing API token " + name,
                () -> client.create(
                        c -> c.index(type.index()).id(id).document(doc.map()).refresh(Refresh.WaitFor)));
        return new Issued(PREFIX + id + "." + secret, token);
    }

    /** The token's record if the text is a token this store issued and it is still usable. */
    public Optional<ApiToken> authenticate(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = text.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length(), dot);
        String secret = text.substring(dot + 1);
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            return Optional.empty();
        }
        return stored(id)
                .filter(s -> MessageDigest.isEqual(
                        s.path("hash").asText().getBytes(StandardCharsets.US_ASCII),
                        sha256(secret).getBytes(StandardCharsets.US_ASCII)))
                .map(ApiTokens::token)
                .filter(t -> t.usableAt(clock.instant()));
    }

    /** Every token, newest first (a store holds hundreds at most: one per script). */
    public List<ApiToken> list() {
        var response = ElasticsearchErrors.call(
                "Listing API tokens",
                () -> client.search(
                        s -> s.index(type.index())
                                .size(1000)
                                .sort(o -> o.field(
                                        f -> f.field("api_token.created_at").order(SortOrder.Desc))),
                        ObjectNode.class));
        return response.hits().hits().stream()
                .filter(h -> h.source() != null)
                .map(h -> token(h.source().path("api_token")))
                .toList();
    }

    /** Revokes a token; answers false when there is no such token or it was revoked before. */
    public boolean revoke(String id, String by) {
        Optional<ApiToken> token = stored(id).map(ApiTokens::token);
        if (token.isEmpty() || token.get().revoked()) {
            return false;
        }
        StoredDocument change = StoredDocument.partial(type)
                .put("api_token.revoked", true)
                .put("api_token.revoked_at", clock.instant())
                .put("api_token.revoked_by", by);
        ElasticsearchErrors.call(
                "Revoking API token " + id,
                () -> client.update(
                        u -> u.index(type.index()).id(id).doc(change.map()).refresh(Refresh.WaitFor),
                        ObjectNode.class));
        return true;
    }

    private Optional<JsonNode> stored(String id) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading API token " + id,
                    () -> client.get(g -> g.index(type.index()).id(id), ObjectNode.class));
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            return Optional.of(found.source().path("api_token"));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ApiToken token(JsonNode t) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        t.path("roles").forEach(r -> Role.of(r.asText()).ifPresent(roles::add));
        return new ApiToken(
                t.path("id").asText(),
                t.path("name").asText(),
                t.path("owner").asText(),
                roles,
                t.path("issued_by").asText(),
                Instant.parse(t.path("created_at").asText(Instant.EPOCH.toString())),
                t.hasNonNull("expires_at") ? Instant.parse(t.path("expires_at").asText()) : null,
                t.path("revoked").asBoolean(false));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
