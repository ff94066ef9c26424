package io.agent7.e2e.rulepack;

import io.agent7.rules.Rule;
import io.agent7.schema.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A built-in rule's fixture ({@code rules/src/test/resources/io/agent7/rules/pack/<rule id>.json}),
 * ready to plant in this run: its placeholder dates set to an hour ago and, for rules whose
 * alerts span hosts, its grouping values made this run's own. Each list maps a data type to
 * its documents, in the fixture's order.
 */
public record Fixture(
        String ruleId,
        Map<String, List<ObjectNode>> history,
        Map<String, List<ObjectNode>> match,
        Map<String, List<ObjectNode>> nearMiss) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The dates each time-relative fixture's notes ask to set to about an hour before the run
     * (JSON pointers): the rules want them within the last 7 days, and the fixtures hold the
     * day they were written. gpo-created's near miss is "changed recently" too, as its notes
     * describe it, so that only its creation date keeps it out.
     */
    static final Map<String, List<String>> RECENT = Map.of(
            "ad-new-privileged-account",
            List.of("/match/0/ad_user/when_created", "/near_miss/1/ad_user/when_created"),
            "gpo-created",
            List.of("/match/0/gpo/when_created", "/match/0/gpo/when_changed", "/near_miss/0/gpo/when_changed"),
            "gpo-deploys-task-script-or-group-change",
            List.of(
                    "/match/0/file/created",
                    "/match/0/file/mtime",
                    "/match/1/file/created",
                    "/match/1/file/mtime",
                    "/near_miss/0/file/created",
                    "/near_miss/0/file/mtime"),
            "gpo-new-sysvol-file",
            List.of(
                    "/match/0/file/created",
                    "/match/0/file/mtime",
                    "/match/1/file/created",
                    "/match/1/file/mtime",
                    "/near_miss/1/file/created",
                    "/near_miss/1/file/mtime"),
            "remote-access-software-installed",
            List.of("/match/0/package/installed", "/near_miss/1/package/installed"),
            "software-installed-from-unapproved-publisher",
            List.of(
                    "/match/0/package/installed",
                    "/match/1/package/installed",
                    "/near_miss/0/package/installed",
                    "/near_miss/2/package/installed"));

    /** The folder of the fixtures in the checkout ({@code -Dagent7.root}, set by the e2e pom). */
    static Path folder() {
        String root = System.getProperty("agent7.root");
        Path base = root != null && !root.isBlank() && !root.startsWith("${") ? Path.of(root) : Path.of("..");
        return base.resolve("rules/src/test/resources/io/agent7/rules/pack")
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Reads the fixture of {@code rule}, its recent dates set to {@code now} minus an hour, and,
     * when the rule suppresses matches by values that are not a host's (one alert per group and
     * suppression window, on whichever host), the values of its first grouping field suffixed
     * with {@code run}: an earlier run on the same node within the suppression window would
     * otherwise own the alert of this run's group.
     */
    static Fixture read(Rule rule, Instant now, String run) {
        Path file = folder().resolve(rule.id() + ".json");
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fixture of rule " + rule.id() + " at " + file, e);
        }
        String recent = Values.formatDate(now.minus(Duration.ofHours(1)));
        for (String pointer : RECENT.getOrDefault(rule.id(), List.of())) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = root.at(pointer.substring(0, slash));
            String field = pointer.substring(slash + 1);
            if (!(parent instanceof ObjectNode object) || !object.has(field)) {
                throw new IllegalStateException(
                        "Fixture " + rule.id() + " has no " + pointer + " to set to an hour ago: update RECENT");
            }
            object.put(field, recent);
        }
        String type = root.path("type").asString();
        Fixture fixture = new Fixture(
                rule.id(),
                lists(root.path("history"), type),
                lists(root.path("match"), type),
                lists(root.path("near_miss"), type));
        if (fixture.match().isEmpty() || fixture.nearMiss().isEmpty()) {
            throw new IllegalStateException("Fixture " + rule.id() + " needs both match and near_miss items");
        }
        Rule.Suppression suppression = rule.suppression();
        if (suppression != null && !suppression.groupBy().contains("host.id")) {
            String field = suppression.groupBy().get(0);
            for (Map<String, List<ObjectNode>> lists : List.of(fixture.match(), fixture.nearMiss())) {
                lists.values().forEach(documents -> documents.forEach(d -> suffix(d, field, " run-" + run)));
            }
        }
        return fixture;
    }

    /** How many items the match lists hold, over every type. */
    public int matchItems() {
        return match.values().stream().mapToInt(List::size).sum();
    }

    /** {@code "match": [...]} is of the fixture's type; {@code "match": {"<type>": [...], ...}} names each. */
    private static Map<String, List<ObjectNode>> lists(JsonNode node, String type) {
        Map<String, List<ObjectNode>> lists = new LinkedHashMap<>();
        if (node.isArray()) {
            lists.put(type, documents(node));
        } else if (node.isObject()) {
            node.properties().forEach(e -> lists.put(e.getKey(), documents(e.getValue())));
        }
        lists.values().removeIf(List::isEmpty);
        return lists;
    }

    private static List<ObjectNode> documents(JsonNode array) {
        List<ObjectNode> documents = new ArrayList<>();
        array.forEach(d -> documents.add((ObjectNode) d));
        return documents;
    }

    private static void suffix(ObjectNode document, String field, String suffix) {
        int dot = field.lastIndexOf('.');
        JsonNode parent =
                dot < 0 ? document : document.at("/" + field.substring(0, dot).replace('.', '/'));
        String name = field.substring(dot + 1);
        if (parent instanceof ObjectNode object && object.path(name).isString()) {
            object.put(name, object.path(name).asString() + suffix);
        }
    }
}
