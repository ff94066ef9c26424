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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Accounts in the schema's {@code account} index, one document per account, its id the lower-cased name. */
public class ElasticsearchAccountStore implements AccountStore {

    private final ElasticsearchClient client;
    private final DataType type;

    public ElasticsearchAccountStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.type = schema.serverType("account");
    }

    @Override
    public Optional<Account> find(String name) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading account " + name,
                    () -> client.get(g -> g.index(type.index()).id(id(name)), ObjectNode.class));
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            return Optional.of(account(found.source().path("account")));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean create(Account account) {
        StoredDocument doc = StoredDocument.of(type, account.createdAt())
                .put("account.name", account.name())
                .put("account.password_hash", account.passwordHash())
                .put("account.roles", account.roles().stream().map(Role::id).toList())
                .put("account.enabled", account.enabled())
                .put("account.created_at", account.createdAt());
        try {
            ElasticsearchErrors.call(
                    "Creating account " + account.name(),
                    () -> client.create(c -> c.index(type.index())
                            .id(id(account.name()))
                            .document(doc.map())
                            .refresh(Refresh.WaitFor)));
            return true;
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Account> list() {
        var response = ElasticsearchErrors.call(
                "Listing accounts",
                () -> client.search(
                        s -> s.index(type.index())
                                .size(10_000)
                                .sort(o -> o.field(f -> f.field("account.name").order(SortOrder.Asc))),
                        ObjectNode.class));
        return response.hits().hits().stream()
                .filter(h -> h.source() != null)
                .map(h -> account(h.source().path("account")))
                .toList();
    }

    private static Account account(JsonNode a) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        a.path("roles").forEach(r -> Role.of(r.asText()).ifPresent(roles::add));
        return new Account(
                a.path("name").asText(),
                a.path("password_hash").asText(),
                roles,
                a.path("enabled").asBoolean(false),
                Instant.parse(a.path("created_at").asText(Instant.EPOCH.toString())));
    }

    private static String id(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
