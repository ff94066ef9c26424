package io.agent7.e2e.rulepack;

import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Batch;
import io.agent7.protocol.CheckinReport;
import io.agent7.schema.Schema;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated host of the pack's fleet, enrolled through the ingest API with a name of this
 * run's own: it posts its items as an agent does (one batch per type) and checks in.
 */
public final class PackHost {

    /** The {@code host.*} fields a check-in reports; the server writes the host document from them. */
    private static final Set<String> REPORTED = Set.of("hostname", "domain", "ip", "mac", "architecture", "os");

    private static final Set<String> REPORTED_OS =
            Set.of("family", "name", "full", "version", "kernel", "platform", "type");

    private final ServerClient agent;
    private final String id;
    private final String name;

    private PackHost(ServerClient agent, String id, String name) {
        this.agent = agent;
        this.id = id;
        this.name = name;
    }

    static PackHost enroll(URI ingest, String siteKey, String name) throws ServerException {
        // No rule reads these: items carry their own fields, and the host document is the check-ins'.
        HostFacts facts =
                new HostFacts("pack-" + UUID.randomUUID(), name, "windows", "Windows Server 2022", "10.0.20348", "");
        ServerClient.Enrolled enrolled = ServerClient.enroll(ingest, siteKey, facts, "e2e", null);
        return new PackHost(
                new ServerClient(enrolled.credentials(), "e2e", Clock.systemUTC()),
                enrolled.credentials().hostId(),
                name);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Posts {@code documents} of {@code type} as one batch of changes, answered once Elasticsearch has them. */
    void post(String type, List<ObjectNode> documents) throws ServerException {
        agent.post(new Batch(
                UUID.randomUUID().toString(),
                Batch.Mode.DIFF,
                Schema.standard().require(type),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                documents,
                List.of()));
    }

    /**
     * Checks in, reporting the {@code host} object of a fixture's host document as the agent's
     * report carries it; a field the report cannot carry fails rather than being left out.
     */
    void checkin(ObjectNode document) throws ServerException {
        JsonNode host = document.path("host");
        for (String field : host.propertyNames()) {
            if (!REPORTED.contains(field)) {
                throw new IllegalArgumentException("host." + field + " is not part of a check-in; the server owns it");
            }
        }
        JsonNode os = host.path("os");
        for (String field : os.propertyNames()) {
            if (!REPORTED_OS.contains(field)) {
                throw new IllegalArgumentException("host.os." + field + " is not part of a check-in");
            }
        }
        agent.checkin(new CheckinReport(
                "e2e",
                null,
                new CheckinReport.Host(
                        text(host, "hostname"),
                        text(host, "domain"),
                        texts(host.path("ip")),
                        texts(host.path("mac")),
                        text(host, "architecture"),
                        null,
                        null,
                        os.isObject()
                                ? new CheckinReport.Os(
                                        text(os, "family"),
                                        text(os, "name"),
                                        text(os, "full"),
                                        text(os, "version"),
                                        text(os, "kernel"),
                                        text(os, "platform"),
                                        text(os, "type"))
                                : null),
                new CheckinReport.Spool(0, 0),
                null,
                null));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static List<String> texts(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
