package io.agent7.schema.templates;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs the templates and creates each type's index. Idempotent: a template already
 * at this schema version with the same content is left alone; an older one is replaced; a
 * newer one (a newer server wrote it) is left alone and reported. Existing indices get the
 * fields they lack and their template's dynamic settings; a field whose type differs is
 * reported as incompatible, never forced.
 */
public final class SchemaInstaller {

    /** What happened to one template or index. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED,
        SKIPPED_NEWER,
        INCOMPATIBLE,
        INFO
    }

    public record Step(String target, Action action, String detail) {
        @Override
        public String toString() {
            return String.format("%-14s %-32s %s", action.name().toLowerCase(java.util.Locale.ROOT), target, detail);
        }
    }

    public record Report(List<Step> steps) {
        public boolean ok() {
            return steps.stream().noneMatch(s -> s.action() == Action.INCOMPATIBLE);
        }

        public boolean changedAnything() {
            return steps.stream().anyMatch(s -> s.action() == Action.CREATED || s.action() == Action.UPDATED);
        }
    }

    private final ElasticsearchHttp http;
    private final Schema schema;
    private final IndexTemplates templates;
    private final IndexSettings settings;
    private final Clock clock;

    public SchemaInstaller(ElasticsearchHttp http, Schema schema, IndexSettings settings) {
        this(http, schema, settings, Clock.systemUTC());
    }

    /** With the clock that says which day's index a series gets now. */
    public SchemaInstaller(ElasticsearchHttp http, Schema schema, IndexSettings settings, Clock clock) {
        this.clock = clock;
        this.http = http;
        this.schema = schema;
        this.settings = settings;
        this.templates = new IndexTemplates(schema, settings);
    }

    public Report install() {
        List<Step> steps = new ArrayList<>();
        steps.add(cluster());
        steps.add(chosenSettings());
        // Before the templates: a series' template names an alias that such an index's name holds.
        for (DataType type : schema.types()) {
            if (type.series()) {
                singleIndexOf(type).ifPresent(steps::add);
            }
        }
        for (Map.Entry<String, ObjectNode> e : templates.componentTemplates().entrySet()) {
            steps.add(installTemplate(
                    "_component_template/", "component_templates", "component_template", e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, ObjectNode> e : templates.indexTemplates().entrySet()) {
            steps.add(
                    installTemplate("_index_template/", "index_templates", "index_template", e.getKey(), e.getValue()));
        }
        List<DataType> types = new ArrayList<>(schema.types());
        types.addAll(schema.serverTypes());
        steps.addAll(eachIndex(types));
        steps.addAll(ensureInternalSettings());
        return new Report(List.copyOf(steps));
    }

    /** Requests in flight at once while the indices are checked and created. */
    static final int CONCURRENT_INDICES = 8;

    /**
     * Each type's index (a series' daily indices), several at a time: an index is created by a
     * cluster state update and then waits for its primary, so a schema of some ninety types
     * created one by one spends most of its time waiting. The steps come back in the types' order.
     */
    private List<Step> eachIndex(List<DataType> types) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_INDICES, r -> {
            Thread thread = new Thread(r, "schema-installer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<Step>>> checked = new ArrayList<>();
            for (DataType type : types) {
                checked.add(pool.submit(() -> type.series() ? ensureSeries(type) : List.of(ensureIndex(type))));
            }
            List<Step> steps = new ArrayList<>();
            for (Future<List<Step>> type : checked) {
                steps.addAll(type.get());
            }
            return steps;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("Could not install the schema", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the schema", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Step installTemplate(String endpoint, String listKey, String itemKey, String name, ObjectNode wanted) {
        ElasticsearchHttp.Response current = http.get(endpoint + name);
        JsonNode existing = null;
        if (current.ok()) {
            for (JsonNode item : current.body().path(listKey)) {
                if (name.equals(item.path("name").asString())) {
                    existing = item.path(itemKey);
                }
            }
        } else if (current.status() != 404) {
            throw failure("read " + endpoint + name, current);
        }
        int installedVersion =
                existing == null ? 0 : existing.path("_meta").path("version").asInt(0);
        Action action;
        String detail;
        if (existing == null) {
            action = Action.CREATED;
            detail = "version " + Schema.VERSION;
        } else if (installedVersion > Schema.VERSION) {
            return new Step(
                    name,
                    Action.SKIPPED_NEWER,
                    "installed version " + installedVersion + " is newer than this server's " + Schema.VERSION
                            + "; left as is");
        } else if (installedVersion == Schema.VERSION && sameContent(existing, wanted)) {
            return new Step(name, Action.UNCHANGED, "version " + Schema.VERSION);
        } else {
            action = Action.UPDATED;
            detail = "version " + installedVersion + " -> " + Schema.VERSION + ": "
                    + MappingDiff.describe(existing, wanted);
        }
        ElasticsearchHttp.Response put = http.put(endpoint + name, wanted);
        if (!put.ok()) {
            throw failure("install " + endpoint + name, put);
        }
        return new Step(name, action, detail);
    }

    /**
     * Elasticsearch echoes templates back with the same content, but numbers in settings
     * become strings and newer versions add bookkeeping keys of their own
     * ({@code created_date_millis}, ...): compare the keys we write, each in full.
     */
    private static boolean sameContent(JsonNode existing, JsonNode wanted) {
        for (String key : wanted.propertyNames()) {
            if (!existing.has(key) || !canonical(existing.get(key)).equals(canonical(wanted.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            var names = new java.util.TreeSet<String>(node.propertyNames());
            StringBuilder out = new StringBuilder("{");
            for (String n : names) {
                out.append(n).append(':').append(canonical(node.get(n))).append(',');
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (JsonNode element : node) {
                out.append(canonical(element)).append(',');
            }
            return out.append(']').toString();
        }
        return node.asString();
    }

    /**
     * Says what the cluster offers and what Agent7 chose. It needs none of ILM, data streams,
     * delete-by-query or wildcard fields: its documents are updated in place (data streams only
     * append), so every type is a plain index; a series is written to daily indices, and
     * retention deletes a day's index whole and old removed items by search and bulk delete.
     * One way on every distribution, the minimal one included, so the tested way is the one that runs.
     */
    private Step cluster() {
        ElasticsearchHttp.Response nodes = http.get("_nodes/_local");
        if (!nodes.ok()) {
            throw failure("read the node's information", nodes);
        }
        for (JsonNode node : nodes.body().path("nodes")) {
            java.util.Set<String> modules = new java.util.TreeSet<>();
            node.path("modules").forEach(m -> modules.add(m.path("name").asString()));
            String features = "ILM " + (modules.contains("x-pack-ilm") ? "available" : "absent")
                    + ", data streams " + (modules.contains("data-streams") ? "available" : "absent")
                    + ", delete-by-query " + (modules.contains("reindex") ? "available" : "absent")
                    + ", wildcard fields " + (modules.contains("wildcard") ? "available" : "absent");
            return new Step(
                    "cluster",
                    Action.INFO,
                    "Elasticsearch " + node.path("version").asString() + "; " + features
                            + "; Agent7 uses none of them: types are plain indices (documents are updated in place),"
                            + " series go to daily indices, and retention deletes old days whole and old removed"
                            + " items by search and bulk delete");
        }
        throw new IllegalStateException("Elasticsearch returned no local node");
    }

    /** Says which shards and replicas the indices get, and whether the cluster can hold the replicas. */
    private Step chosenSettings() {
        String detail = settings.describe();
        if (!settings.autoExpands()) {
            ElasticsearchHttp.Response health = http.get("_cluster/health");
            if (health.ok()) {
                int dataNodes = health.body().path("number_of_data_nodes").asInt();
                if (Integer.parseInt(settings.replicas()) >= dataNodes) {
                    detail += "; the cluster has " + dataNodes + (dataNodes == 1 ? " data node" : " data nodes")
                            + ", so replicas beyond " + (dataNodes - 1)
                            + " stay unassigned (yellow) until more nodes join";
                }
            }
        }
        return new Step("settings", Action.INFO, detail);
    }

    private Step ensureIndex(DataType type) {
        String index = type.index();
        ElasticsearchHttp.Response mapping = http.get(index + "/_mapping");
        if (mapping.status() == 404) {
            return create(index, "from template " + index);
        }
        if (!mapping.ok()) {
            throw failure("read mapping of " + index, mapping);
        }
        return ensureMapping(type, index, mapping.body().path(index).path("mappings"));
    }

    private Step create(String index, String detail) {
        ElasticsearchHttp.Response created = http.put(index, null);
        if (!created.ok()
                && !created.body().path("error").path("type").asString().equals("resource_already_exists_exception")) {
            throw failure("create index " + index, created);
        }
        return new Step(index, Action.CREATED, detail);
    }

    /**
     * A series' daily indices, behind the alias of the type's index name: every one gets the
     * fields it lacks, and today's is created so the alias exists before the first sample. A
     * concrete index under the alias's name (written by a release before series were daily) is
     * cloned to today's daily index and replaced by the alias in one atomic step, its samples
     * kept; retention then counts them as today's, keeping them a little longer, never shorter.
     */
    private List<Step> ensureSeries(DataType type) {
        String alias = type.index();
        List<Step> steps = new ArrayList<>();
        ElasticsearchHttp.Response mapping = http.get(alias + "/_mapping");
        if (mapping.status() != 404 && !mapping.ok()) {
            throw failure("read mapping of " + alias, mapping);
        }
        String today = type.dailyIndex(LocalDate.now(clock));
        Set<String> daily = mapping.ok() ? new TreeSet<>(mapping.body().propertyNames()) : new TreeSet<>();
        for (String index : daily) {
            steps.add(ensureMapping(type, index, mapping.body().path(index).path("mappings")));
        }
        if (!daily.contains(today)) {
            steps.add(create(today, "from template " + alias + ", behind alias " + alias));
        }
        return steps;
    }

    /** The concrete index of a release before series were daily, made one of the daily indices; empty if none. */
    private Optional<Step> singleIndexOf(DataType type) {
        String alias = type.index();
        ElasticsearchHttp.Response mapping = http.get(alias + "/_mapping");
        if (mapping.status() == 404) {
            return Optional.empty();
        }
        if (!mapping.ok()) {
            throw failure("read mapping of " + alias, mapping);
        }
        return mapping.body().has(alias) ? Optional.of(migrateToDaily(type)) : Optional.empty();
    }

    private Step migrateToDaily(DataType type) {
        String alias = type.index();
        String target = type.dailyIndex(LocalDate.now(clock));
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.put("index.blocks.write", true);
        require(http.put(alias + "/_settings", block), "stop writes to " + alias + " while it is cloned");
        ObjectNode clone = JsonNodeFactory.instance.objectNode();
        clone.putObject("settings").put("index.blocks.write", false);
        require(http.send("POST", alias + "/_clone/" + target, clone), "clone " + alias + " to " + target);
        ObjectNode actions = JsonNodeFactory.instance.objectNode();
        var list = actions.putArray("actions");
        list.addObject().putObject("add").put("index", target).put("alias", alias);
        list.addObject().putObject("remove_index").put("index", alias);
        require(http.send("POST", "_aliases", actions), "replace " + alias + " by an alias of " + target);
        return new Step(
                alias,
                Action.UPDATED,
                "a single index became daily indices: its samples cloned to " + target + ", now behind alias " + alias);
    }

    private static void require(ElasticsearchHttp.Response response, String what) {
        if (!response.ok()) {
            throw failure(what, response);
        }
    }

    /** The index's mapping against the type's: fields it lacks are added, a changed field type is reported. */
    private Step ensureMapping(DataType type, String index, JsonNode installed) {
        ObjectNode wanted = templates.mappingOf(type);
        List<String> conflicts = new ArrayList<>();
        boolean missing = MappingDiff.compare("", installed.path("properties"), wanted.path("properties"), conflicts);
        if (!conflicts.isEmpty()) {
            return new Step(
                    index,
                    Action.INCOMPATIBLE,
                    "existing mapping differs: " + String.join("; ", conflicts)
                            + ". Reindex into a new index or delete it; Agent7 will not change field types in place.");
        }
        String settings = ensureSettings(index, templates.indexSettings(type));
        if (!missing) {
            return settings == null
                    ? new Step(index, Action.UNCHANGED, "mapping matches")
                    : new Step(index, Action.UPDATED, "mapping matches; " + settings);
        }
        ElasticsearchHttp.Response put = http.put(index + "/_mapping", wanted);
        if (!put.ok()) {
            return new Step(
                    index,
                    Action.INCOMPATIBLE,
                    "adding new fields failed: "
                            + put.body().path("error").path("reason").asString());
        }
        return new Step(
                index,
                Action.UPDATED,
                "added new fields to the existing mapping" + (settings == null ? "" : "; " + settings));
    }

    /**
     * Gives an index that exists the dynamic settings its template gives new ones: an index
     * keeps the settings it was created with, so a release that changes them (a refresh
     * interval, the replicas) would otherwise reach only indices created after it.
     *
     * @return what changed, or null when the index already had them
     */
    private String ensureSettings(String index, Map<String, String> wanted) {
        ElasticsearchHttp.Response current = http.get(index + "/_settings?flat_settings=true");
        if (!current.ok()) {
            throw failure("read the settings of " + index, current);
        }
        return ensureSettings(index, current.body().path(index).path("settings"), wanted);
    }

    /** The same, given the index's current settings (flat, at least the wanted ones). */
    private String ensureSettings(String index, JsonNode flat, Map<String, String> wanted) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        List<String> described = new ArrayList<>();
        for (Map.Entry<String, String> setting : wanted.entrySet()) {
            String now = flat.path(setting.getKey()).asString("(unset)");
            if (!now.equals(setting.getValue())) {
                changes.put(setting.getKey(), setting.getValue());
                described.add(setting.getKey().substring("index.".length()) + " " + now + " -> " + setting.getValue());
            }
        }
        if (described.isEmpty()) {
            return null;
        }
        ElasticsearchHttp.Response put = http.put(index + "/_settings", changes);
        if (!put.ok()) {
            throw failure("update the settings of " + index, put);
        }
        return "settings: " + String.join(", ", described);
    }

    /**
     * The services' own indices ({@value IndexTemplates#INTERNAL_TEMPLATE}) are created by
     * the services as they first write; those created before that template existed asked
     * for a replica a single node never assigns.
     */
    private List<Step> ensureInternalSettings() {
        // number_of_replicas is always there: an index without auto_expand_replicas is listed too.
        ElasticsearchHttp.Response indices =
                http.get("agent7-*/_settings/index.auto_expand_replicas,index.number_of_replicas"
                        + "?flat_settings=true&expand_wildcards=open");
        if (!indices.ok()) {
            throw failure("read the settings of the agent7-* indices", indices);
        }
        Set<String> types = new HashSet<>();
        schema.types().forEach(t -> types.add(t.index()));
        schema.serverTypes().forEach(t -> types.add(t.index()));
        List<Step> steps = new ArrayList<>();
        for (String index : new TreeSet<>(indices.body().propertyNames())) {
            boolean daily = schema.types().stream().anyMatch(t -> t.dayOf(index).isPresent());
            if (!types.contains(index) && !daily) {
                String settings = ensureSettings(
                        index, indices.body().path(index).path("settings"), templates.internalIndexSettings());
                if (settings != null) {
                    steps.add(new Step(index, Action.UPDATED, settings));
                }
            }
        }
        return steps;
    }

    private static IllegalStateException failure(String what, ElasticsearchHttp.Response response) {
        return new IllegalStateException("Could not " + what + ": HTTP " + response.status() + " "
                + response.body()
                        .path("error")
                        .path("reason")
                        .asString(response.body().toString()));
    }
}
