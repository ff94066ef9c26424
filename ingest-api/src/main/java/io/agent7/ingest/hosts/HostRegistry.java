package io.agent7.ingest.hosts;

import io.agent7.ingest.enrollment.AgentEnrolled;
import io.agent7.ingest.enrollment.EnrollmentStore;
import io.agent7.ingest.ingest.DocumentSink;
import io.agent7.ingest.ingest.StateUpdates;
import io.agent7.ingest.policy.Policies;
import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CollectorError;
import io.agent7.protocol.Policy;
import io.agent7.schema.CommonFields;
import io.agent7.schema.Documents;
import io.agent7.schema.Values;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Check-ins: keeps each host's {@code host} document current and answers its policy.
 *
 * <p>The host document is rewritten when something in it changed, and otherwise at most
 * every {@link #HEARTBEAT}: {@code host_state.last_checkin} is then that fresh, and a fleet
 * whose state does not change costs Elasticsearch almost no writes. Reads of a host's group
 * and pending forced collections are cached for {@link #CACHE_TTL}.
 */
@Service
public class HostRegistry {

    static final Duration HEARTBEAT = Duration.ofMinutes(5);
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(HostRegistry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HostDocuments documents;
    private final DocumentSink sink;
    private final HostStore hosts;
    private final EnrollmentStore enrollments;
    private final Policies policies;
    private final Clock clock;

    private record Written(int factsHash, Instant at) {}

    private record Cached(HostStore.HostState state, Instant until) {}

    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();
    private final Map<String, Cached> states = new ConcurrentHashMap<>();

    HostRegistry(
            HostDocuments documents,
            DocumentSink sink,
            HostStore hosts,
            EnrollmentStore enrollments,
            Policies policies,
            Clock clock) {
        this.documents = documents;
        this.sink = sink;
        this.hosts = hosts;
        this.enrollments = enrollments;
        this.policies = policies;
        this.clock = clock;
    }

    /** What the agent gets back. */
    record Answer(Policy policy, List<String> forced, Instant serverTime) {}

    Answer checkin(AgentPrincipal agent, CheckinReport request) {
        Instant now = clock.instant();
        HostStore.HostState state = state(agent);
        List<String> forced = new ArrayList<>(state.forcedCollections());
        if (!request.forcedDone().isEmpty()) {
            forced.removeAll(request.forcedDone());
            states.remove(agent.hostId());
        }
        Policy policy = policies.forGroup(state.group());
        ObjectNode facts = facts(request, state.group(), forced);
        StateUpdates.Source source = new StateUpdates.Source(agent.hostId(), agent.hostName(), agent.agentId());
        int factsHash = Objects.hash(facts, source);
        Written previous = lastWritten.get(agent.hostId());
        if (previous == null
                || previous.factsHash() != factsHash
                || previous.at().plus(HEARTBEAT).isBefore(now)) {
            write(source, facts, now);
            lastWritten.put(agent.hostId(), new Written(factsHash, now));
        }
        return new Answer(policy, forced, now);
    }

    /** The id of a host's {@code host} document. */
    public String documentId(String hostId) {
        return documents.id(hostId);
    }

    /**
     * A machine enrolled, perhaps again and with a site key of another group: its host document,
     * which check-ins read the group from, takes the key's group. Without this a re-enrolled
     * machine kept the group of its first enrollment and got that group's policy.
     */
    @EventListener
    public void enrolled(AgentEnrolled enrolled) {
        String id = documentId(enrolled.hostId());
        Optional<HostStore.HostState> known = hosts.find(id);
        if (known.isPresent() && !known.get().group().equals(enrolled.group())) {
            hosts.setGroup(id, enrolled.group());
            log.info(
                    "Host {} enrolled again with a site key of group '{}' (was '{}')",
                    enrolled.hostId(),
                    enrolled.group(),
                    known.get().group());
        }
        invalidate(enrolled.hostId());
    }

    /** Forgets the cached state of a host after an admin changed it. */
    public void invalidate(String hostId) {
        states.remove(hostId);
    }

    private HostStore.HostState state(AgentPrincipal agent) {
        Instant now = clock.instant();
        Cached cached = states.get(agent.hostId());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.state();
        }
        HostStore.HostState state = hosts.find(documentId(agent.hostId())).orElseGet(() -> {
            String group =
                    enrollments.enrollment(agent.agentId()).map(e -> e.group()).orElse("default");
            return new HostStore.HostState(agent.hostId(), group, List.of());
        });
        states.put(agent.hostId(), new Cached(state, now.plus(CACHE_TTL)));
        return state;
    }

    /** What the agent reported and the server keeps of the host; the fields the server owns are set on writing. */
    private static ObjectNode facts(CheckinReport request, String group, List<String> forced) {
        ObjectNode doc = Documents.object();
        CheckinReport.Host h = request.host();
        ObjectNode host = doc.putObject("host");
        if (h != null) {
            putText(host, "hostname", h.hostname());
            putText(host, "domain", h.domain());
            putText(host, "architecture", h.architecture());
            if (h.uptime() != null) {
                // Rounded to the hour: uptime alone must not force a rewrite at every check-in.
                host.put("uptime", h.uptime() - h.uptime() % 3600);
            }
            if (h.bootId() != null) {
                host.putObject("boot").put("id", h.bootId());
            }
            putList(host, "ip", validIps(h.ips()));
            putList(host, "mac", h.macs());
            if (h.os() != null) {
                ObjectNode os = host.putObject("os");
                putText(os, "family", h.os().family());
                putText(os, "name", h.os().name());
                putText(os, "full", h.os().full());
                putText(os, "version", h.os().version());
                putText(os, "kernel", h.os().kernel());
                putText(os, "platform", h.os().platform());
                putText(os, "type", h.os().type());
            }
        }
        ObjectNode agentNode = doc.putObject("agent");
        putText(agentNode, "version", request.agentVersion());
        ObjectNode hostState = doc.putObject("host_state");
        hostState.put("group", group);
        if (request.policyVersion() != null) {
            hostState.put("policy_version", request.policyVersion().toString());
        }
        if (request.spool() != null) {
            hostState.put("spool_bytes", request.spool().bytes());
            hostState.put("spool_dropped", request.spool().droppedBatches());
        }
        putList(hostState, "forced_collections", forced);
        putList(
                hostState,
                "collector_errors",
                request.collectorErrors().stream().map(CollectorError::summary).toList());
        return doc;
    }

    /**
     * Writes the host's document: its facts, the fields the server owns, and when it checked
     * in. A partial update, so what others write into the document (an admin's group, the
     * clock skew its batches showed) stays.
     */
    private void write(StateUpdates.Source source, ObjectNode facts, Instant now) {
        String at = Values.formatDate(now);
        ObjectNode doc = facts.deepCopy();
        Documents.set(doc, "host_state.last_checkin", NODES.stringNode(at));
        StateUpdates.setServerOwned(doc, documents.type(), source, at);
        ObjectNode upsert = doc.deepCopy();
        upsert.put(CommonFields.TIMESTAMP, at);
        ObjectNode body = NODES.objectNode();
        body.set("doc", doc);
        body.set("upsert", upsert);
        body.put("detect_noop", true);
        String hostId = source.hostId();
        sink.write(List.of(new DocumentSink.Write(
                        documents.index(), documentId(hostId), hostId, JSON.writeValueAsBytes(body))))
                .whenComplete((results, error) -> {
                    if (error != null || results.stream().anyMatch(r -> r.error() != null)) {
                        // The next check-in writes it again.
                        lastWritten.remove(hostId);
                        log.warn(
                                "Could not update the host document of {}: {}",
                                hostId,
                                error != null ? error.toString() : results);
                    }
                });
    }

    private static List<String> validIps(List<String> ips) {
        if (ips == null) {
            return null;
        }
        List<String> valid = new ArrayList<>();
        for (String ip : ips) {
            String canonical = ip == null ? null : Values.canonicalIp(ip);
            if (canonical != null) {
                valid.add(canonical);
            }
        }
        return valid;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.length() > 1024 ? value.substring(0, 1024) : value);
        }
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        if (values == null) {
            return;
        }
        ArrayNode array = node.putArray(field);
        values.stream().filter(Objects::nonNull).limit(256).forEach(array::add);
    }
}
