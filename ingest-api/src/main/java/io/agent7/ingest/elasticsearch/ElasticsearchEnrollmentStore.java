package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.ingest.enrollment.Enrollment;
import io.agent7.ingest.enrollment.EnrollmentStore;
import io.agent7.ingest.enrollment.SiteKey;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Enrollments in {@code agent7-enrollment}, site keys in {@code agent7-site_key}; ids are agent ids and key hashes. */
@Repository
class ElasticsearchEnrollmentStore implements EnrollmentStore {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ENROLLMENTS = Schema.standard().serverTypes().stream()
            .filter(t -> t.name().equals("enrollment"))
            .findFirst()
            .orElseThrow()
            .index();
    private static final String SITE_KEYS = Schema.standard().serverTypes().stream()
            .filter(t -> t.name().equals("site_key"))
            .findFirst()
            .orElseThrow()
            .index();

    private final ElasticsearchClient client;

    ElasticsearchEnrollmentStore(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public Optional<SiteKey> siteKey(String id) {
        GetResponse<ObjectNode> found =
                call(() -> client.get(g -> g.index(SITE_KEYS).id(id), ObjectNode.class));
        if (!found.found() || found.source() == null) {
            return Optional.empty();
        }
        JsonNode key = found.source().path("site_key");
        return Optional.of(new SiteKey(
                id,
                key.path("name").asText(),
                key.path("group").asText(),
                instant(key.path("created_at")),
                key.path("revoked").asBoolean(false)));
    }

    @Override
    public boolean createSiteKey(SiteKey key) {
        ObjectNode doc = NODES.objectNode();
        doc.put("@timestamp", Values.formatDate(key.createdAt()));
        doc.putObject("agent7").put("type", "site_key");
        doc.putObject("site_key")
                .put("id", key.id())
                .put("name", key.name())
                .put("hash", key.id())
                .put("group", key.group())
                .put("created_at", Values.formatDate(key.createdAt()))
                .put("revoked", key.revoked());
        try {
            call(() -> client.create(
                    c -> c.index(SITE_KEYS).id(key.id()).document(doc).refresh(Refresh.WaitFor)));
            return true;
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Enrollment> enrollment(String agentId) {
        GetResponse<ObjectNode> found =
                call(() -> client.get(g -> g.index(ENROLLMENTS).id(agentId), ObjectNode.class));
        return found.found() && found.source() != null ? Optional.of(toEnrollment(found.source())) : Optional.empty();
    }

    @Override
    public List<Enrollment> activeEnrollmentsOfMachine(String machineId) {
        var response = call(() -> client.search(
                s -> s.index(ENROLLMENTS)
                        .size(100)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(
                                        t -> t.field("enrollment.machine_id").value(machineId)))
                                .mustNot(m -> m.term(
                                        t -> t.field("enrollment.revoked").value(true))))),
                ObjectNode.class));
        return response.hits().hits().stream()
                .map(Hit::source)
                .map(ElasticsearchEnrollmentStore::toEnrollment)
                .toList();
    }

    @Override
    public void save(Enrollment e) {
        ObjectNode doc = NODES.objectNode();
        doc.put("@timestamp", Values.formatDate(e.enrolledAt()));
        doc.putObject("agent7").put("type", "enrollment");
        doc.putObject("agent").put("id", e.agentId()).put("version", e.agentVersion());
        ObjectNode host = doc.putObject("host").put("id", e.hostId()).put("name", e.hostName());
        if (e.os() != null) {
            host.putObject("os")
                    .put("family", e.os().family())
                    .put("name", e.os().name())
                    .put("version", e.os().version())
                    .put("kernel", e.os().kernel());
        }
        doc.putObject("enrollment")
                .put("machine_id", e.machineId())
                .put("site_key_id", e.siteKeyId())
                .put("group", e.group())
                .put("refresh_token_hash", e.refreshTokenHash())
                .put("enrolled_at", Values.formatDate(e.enrolledAt()))
                .put("revoked", e.revoked());
        call(() -> client.index(
                i -> i.index(ENROLLMENTS).id(e.agentId()).document(doc).refresh(Refresh.WaitFor)));
    }

    @Override
    public void revoke(String agentId, Instant at, String reason) {
        ObjectNode partial = NODES.objectNode();
        partial.putObject("enrollment")
                .put("revoked", true)
                .put("revoked_at", Values.formatDate(at))
                .put("revoked_reason", reason);
        call(() -> client.update(
                u -> u.index(ENROLLMENTS).id(agentId).doc(partial).refresh(Refresh.WaitFor), ObjectNode.class));
    }

    @Override
    public List<String> revokedSince(Instant since) {
        var response = call(() -> client.search(
                s -> s.index(ENROLLMENTS)
                        .size(10_000)
                        .source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b.filter(f -> f.term(
                                        t -> t.field("enrollment.revoked").value(true)))
                                .filter(f -> f.range(r -> r.untyped(u -> u.field("enrollment.revoked_at")
                                        .gte(co.elastic.clients.json.JsonData.of(Values.formatDate(since)))))))),
                Void.class));
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    @Override
    public List<SiteKey> siteKeys() {
        var response = call(() -> client.search(s -> s.index(SITE_KEYS).size(1000), ObjectNode.class));
        return response.hits().hits().stream()
                .map(h -> {
                    JsonNode key = h.source().path("site_key");
                    return new SiteKey(
                            h.id(),
                            key.path("name").asText(),
                            key.path("group").asText(),
                            instant(key.path("created_at")),
                            key.path("revoked").asBoolean(false));
                })
                .toList();
    }

    @Override
    public boolean revokeSiteKey(String id, Instant at) {
        if (siteKey(id).isEmpty()) {
            return false;
        }
        ObjectNode partial = NODES.objectNode();
        partial.putObject("site_key").put("revoked", true).put("revoked_at", Values.formatDate(at));
        call(() ->
                client.update(u -> u.index(SITE_KEYS).id(id).doc(partial).refresh(Refresh.WaitFor), ObjectNode.class));
        return true;
    }

    @Override
    public void setGroup(String hostId, String group) {
        // No update-by-query: it needs scripts, which the minimal distribution lacks.
        var response = call(() -> client.search(
                s -> s.index(ENROLLMENTS)
                        .size(1000)
                        .source(src -> src.fetch(false))
                        .query(q -> q.term(t -> t.field("host.id").value(hostId))),
                Void.class));
        for (var hit : response.hits().hits()) {
            ObjectNode partial = NODES.objectNode();
            partial.putObject("enrollment").put("group", group);
            call(() -> client.update(
                    u -> u.index(ENROLLMENTS).id(hit.id()).doc(partial).refresh(Refresh.WaitFor), ObjectNode.class));
        }
    }

    private static Enrollment toEnrollment(ObjectNode doc) {
        JsonNode e = doc.path("enrollment");
        JsonNode host = doc.path("host");
        JsonNode os = host.path("os");
        return new Enrollment(
                doc.path("agent").path("id").asText(),
                host.path("id").asText(),
                host.path("name").asText(),
                e.path("machine_id").asText(),
                e.path("site_key_id").asText(),
                e.path("group").asText(),
                e.path("refresh_token_hash").asText(),
                instant(e.path("enrolled_at")),
                e.path("revoked").asBoolean(false),
                doc.path("agent").path("version").asText(null),
                os.isMissingNode()
                        ? null
                        : new Enrollment.HostOs(
                                os.path("family").asText(null),
                                os.path("name").asText(null),
                                os.path("version").asText(null),
                                os.path("kernel").asText(null)));
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static <T> T call(ElasticsearchErrors.Call<T> call) {
        return ElasticsearchErrors.call("Reading or writing enrollments", call);
    }
}
