package io.agent7.server.accounts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Accounts in {@code agent7-account}, one document per account, its id the lower-cased name. */
public class ElasticsearchAccountStore implements AccountStore {

    static final String INDEX = "agent7-account";

    private final ElasticsearchClient client;

    public ElasticsearchAccountStore(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public Optional<Account> find(String name) {
        try {
            var found = client.get(g -> g.index(INDEX).id(id(name)), ObjectNode.class);
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            JsonNode a = found.source().path("account");
            Set<Role> roles = EnumSet.noneOf(Role.class);
            a.path("roles").forEach(r -> Role.of(r.asText()).ifPresent(roles::add));
            return Optional.of(new Account(
                    a.path("name").asText(),
                    a.path("password_hash").asText(),
                    roles,
                    a.path("enabled").asBoolean(false),
                    Instant.parse(a.path("created_at").asText(Instant.EPOCH.toString()))));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading account " + name + " failed", e);
        }
    }

    @Override
    public boolean create(Account account) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("@timestamp", Values.formatDate(account.createdAt()));
        doc.putObject("agent7").put("type", "account");
        ObjectNode a = doc.putObject("account");
        a.put("name", account.name());
        a.put("password_hash", account.passwordHash());
        var roles = a.putArray("roles");
        account.roles().forEach(r -> roles.add(r.id()));
        a.put("enabled", account.enabled());
        a.put("created_at", Values.formatDate(account.createdAt()));
        try {
            client.create(
                    c -> c.index(INDEX).id(id(account.name())).document(doc).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw new UncheckedIOException("Creating account " + account.name() + " failed", e);
        }
    }

    private static String id(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
