package io.agent7.e2e.rulepack;

import io.agent7.schema.Schema;
import io.agent7.testkit.TestElasticsearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What the pack test reads back from the node: the hosts' check-ins and the alerts written. */
public final class PackIndices {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PackIndices() {}

    /** What the test reads of an alert. */
    public record Alert(long count, String reason) {
        @Override
        public String toString() {
            return reason + (count == 1 ? "" : " (count " + count + ")");
        }
    }

    /** The alerts of {@code ruleId} in {@code index} about any of {@code hosts}. */
    public static List<Alert> alerts(String index, String ruleId, List<String> hosts) {
        ObjectNode query = JSON.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("rule.id", ruleId);
        filter.add(terms("host.id", hosts));
        return search(index, query, 100).stream()
                .map(a -> new Alert(
                        a.path("alert").path("count").asLong(),
                        a.path("event").path("reason").asString()))
                .toList();
    }

    /**
     * When each of {@code hosts} last checked in, once the API has written all their host
     * documents (it answers a check-in before it writes), or as many as it wrote within a
     * minute: a host missing fails its own rule's test.
     */
    public static Map<String, Instant> lastCheckins(List<String> hosts) throws InterruptedException {
        String index = Schema.standard().require("host").index();
        Map<String, Instant> times = new HashMap<>();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (times.size() < hosts.size() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
            TestElasticsearch.refresh(index);
            for (JsonNode hit : search(index, terms("host.id", hosts), hosts.size())) {
                JsonNode at = hit.path("host_state").path("last_checkin");
                if (at.isString()) {
                    times.put(hit.path("host").path("id").asString(), Instant.parse(at.asString()));
                }
            }
        }
        return times;
    }

    private static List<JsonNode> search(String index, JsonNode query, int size) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        body.set("query", query);
        JsonNode hits = TestElasticsearch.send(
                        TestElasticsearch.url(), "POST", "/" + index + "/_search", body.toString())
                .path("hits")
                .path("hits");
        List<JsonNode> sources = new ArrayList<>();
        hits.forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }

    private static ObjectNode terms(String field, Collection<String> values) {
        ObjectNode terms = JSON.createObjectNode();
        ArrayNode array = terms.putObject("terms").putArray(field);
        values.forEach(array::add);
        return terms;
    }
}
