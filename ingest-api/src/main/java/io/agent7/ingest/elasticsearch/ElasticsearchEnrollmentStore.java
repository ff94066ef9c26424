package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.ingest.enrollment.Enrollment;
import io.agent7.ingest.enrollment.EnrollmentStore;
import io.agent7.ingest.enrollment.SiteKey;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * Enrollments and site keys in the schema's {@code enrollment} and {@code site_key} indices;
 * their ids are agent ids and key hashes.
 */
@Repository
class ElasticsearchEnrollmentStore implements EnrollmentStore {

    private final ElasticsearchClient client;
    private final DataType enrollments;
    private final DataType siteKeys;

    ElasticsearchEnrollmentStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.enrollments = schema.serverType("enrollment");
        this.siteKeys = schema.serverType("site_key");
    }

    @Override
    public Optional<SiteKey> siteKey(String id) {
        GetResponse<ObjectNode> found =
                call(() -> client.get(g -> g.index(siteKeys.index()).id(id), ObjectNode.class));
        if (!found.found() || found.source() == null) {
            return Optional.empty();
        }
        return Optional.of(toSiteKey(id, found.source()));
    }

    @Override
    public boolean createSiteKey(SiteKey key) {
        StoredDocument doc = StoredDocument.of(siteKeys, key.createdAt())
                .put("site_key.id", key.id())
                .put("site_key.name", key.name())
                .put("site_key.hash", key.id())
                .put("site_key.group", key.group())
                .put("site_key.created_at", key.createdAt())
                .put("site_key.revoked", key.revoked());
        try {
            call(() -> client.create(c ->
                    c.index(siteKeys.index()).id(key.id()).document(doc.map()).refresh(Refresh.WaitFor)));
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
                call(() -> client.get(g -> g.index(enrollments.index()).id(agentId), ObjectNode.class));
        return found.found() && found.source() != null ? Optional.of(toEnrollment(found.source())) : Optional.empty();
    }

    @Override
    public List<Enrollment> activeEnrollmentsOfMachine(String machineId) {
        var response = call(() -> client.search(
                s -> s.index(enrollments.index())
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
        StoredDocument doc = StoredDocument.of(enrollments, e.enrolledAt())
                .put(CommonFields.AGENT_ID, e.agentId())
                .put("agent.version", e.agentVersion())
                .put(CommonFields.HOST_ID, e.hostId())
                .put(CommonFields.HOST_NAME, e.hostName())
                .put("enrollment.machine_id", e.machineId())
                .put("enrollment.site_key_id", e.siteKeyId())
                .put("enrollment.group", e.group())
                .put("enrollment.refresh_token_hash", e.refreshTokenHash())
                .put("enrollment.enrolled_at", e.enrolledAt())
                .put("enrollment.revoked", e.revoked());
        if (e.os() != null) {
            doc.put("host.os.family", e.os().family())
                    .put("host.os.name", e.os().name())
                    .put("host.os.version", e.os().version())
                    .put("host.os.kernel", e.os().kernel());
        }
        call(() -> client.index(i ->
                i.index(enrollments.index()).id(e.agentId()).document(doc.map()).refresh(Refresh.WaitFor)));
    }

    @Override
    public void revoke(String agentId, Instant at, String reason) {
        StoredDocument partial = StoredDocument.partial(enrollments)
                .put("enrollment.revoked", true)
                .put("enrollment.revoked_at", at)
                .put("enrollment.revoked_reason", reason);
        call(() -> client.update(
                u -> u.index(enrollments.index()).id(agentId).doc(partial.map()).refresh(Refresh.WaitFor),
                ObjectNode.class));
    }

    @Override
    public List<String> revokedSince(Instant since) {
        var response = call(() -> client.search(
                s -> s.index(enrollments.index())
                        .size(10_000)
                        .source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b.filter(f -> f.term(
                                        t -> t.field("enrollment.revoked").value(true)))
                                .filter(f -> f.range(r -> r.untyped(u -> u.field("enrollment.revoked_at")
                                        .gte(JsonData.of(Values.formatDate(since)))))))),
                Void.class));
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    @Override
    public List<SiteKey> siteKeys() {
        var response = call(() -> client.search(s -> s.index(siteKeys.index()).size(1000), ObjectNode.class));
        return response.hits().hits().stream()
                .map(h -> toSiteKey(h.id(), h.source()))
                .toList();
    }

    @Override
    public boolean revokeSiteKey(String id, Instant at) {
        if (siteKey(id).isEmpty()) {
            return false;
        }
        StoredDocument partial =
                StoredDocument.partial(siteKeys).put("site_key.revoked", true).put("site_key.revoked_at", at);
        call(() -> client.update(
                u -> u.index(siteKeys.index()).id(id).doc(partial.map()).refresh(Refresh.WaitFor), ObjectNode.class));
        return true;
    }

    @Override
    public void setGroup(String hostId, String group) {
        // No update-by-query: it needs scripts, which the minimal distribution lacks.
        var response = call(() -> client.search(
                s -> s.index(enrollments.index())
                        .size(1000)
                        .source(src -> src.fetch(false))
                        .query(q -> q.term(t -> t.field(CommonFields.HOST_ID).value(hostId))),
                Void.class));
        StoredDocument partial = StoredDocument.partial(enrollments).put("enrollment.group", group);
        for (var hit : response.hits().hits()) {
            call(() -> client.update(
                    u -> u.index(enrollments.index())
                            .id(hit.id())
                            .doc(partial.map())
                            .refresh(Refresh.WaitFor),
                    ObjectNode.class));
        }
    }

    private static SiteKey toSiteKey(String id, ObjectNode source) {
        JsonNode key = source.path("site_key");
        return new SiteKey(
                id,
                key.path("name").asText(),
                key.path("group").asText(),
                instant(key.path("created_at")),
                key.path("revoked").asBoolean(false));
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
