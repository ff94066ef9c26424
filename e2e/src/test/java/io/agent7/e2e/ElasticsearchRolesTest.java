package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code deploy/elasticsearch/roles.yml}, the roles the services hold in a secured cluster,
 * against the schema: every service reads every agent data index (a type added to the schema
 * and forgotten here would be invisible to the console and the rules), and every index the
 * file names exists. docs/DEPLOYMENT.md shows the roles as a table generated from the file;
 * {@code -Dagent7.regenerate=true} rewrites it.
 */
class ElasticsearchRolesTest {

    static final String ROLES = "deploy/elasticsearch/roles.yml";
    static final String DOC = "docs/DEPLOYMENT.md";
    static final String BEGIN =
            "<!-- roles table: generated from deploy/elasticsearch/roles.yml by ElasticsearchRolesTest -->";
    static final String END = "<!-- end of roles table -->";
    static final List<String> SERVICES = List.of("agent7_ingest", "agent7_console", "agent7_detections");

    static JsonNode roles() throws Exception {
        return YAMLMapper.builder().build().readTree(root().resolve(ROLES).toFile());
    }

    static Path root() {
        return AgentScriptSecretsTest.repositoryRoot();
    }

    static Set<String> agentIndices() {
        Set<String> indices = new TreeSet<>();
        Schema.standard().types().forEach(type -> indices.add(type.index()));
        return indices;
    }

    @Test
    void thereIsARolePerServiceAndOneForTheInstaller() throws Exception {
        assertThat(roles().propertyNames())
                .containsExactlyInAnyOrder("agent7_installer", "agent7_ingest", "agent7_console", "agent7_detections");
    }

    @Test
    void everyServiceReadsEveryAgentDataIndexAndNoOtherByItsFirstEntry() throws Exception {
        for (String service : SERVICES) {
            JsonNode first = roles().path(service).path("indices").path(0);
            assertThat(names(first)).as("%s's first index entry", service).isEqualTo(agentIndices());
            assertThat(privileges(first))
                    .as("%s's privileges on the agent data", service)
                    .contains("read");
        }
    }

    /** A series' daily indices: agent7-system_metric-*. */
    static Set<String> dailyPatterns() {
        Set<String> patterns = new TreeSet<>();
        Schema.standard().types().stream()
                .filter(DataType::series)
                .forEach(type -> patterns.add(type.dailyIndexPattern()));
        return patterns;
    }

    @Test
    void everyIndexNamedExistsInTheSchemaAndNoServiceMayManageIndicesOrTouchOthersThanASeriesDays() throws Exception {
        Set<String> known = new TreeSet<>(agentIndices());
        Schema.standard().serverTypes().stream().map(DataType::index).forEach(known::add);
        known.addAll(dailyPatterns());
        for (String service : SERVICES) {
            for (JsonNode entry : roles().path(service).path("indices")) {
                assertThat(known).as("indices named by %s", service).containsAll(names(entry));
                assertThat(privileges(entry))
                        .as("%s on %s: the installer alone creates, changes and manages indices", service, names(entry))
                        .doesNotContain("all", "manage", "create_index", "write");
                if (!dailyPatterns().containsAll(names(entry))) {
                    assertThat(privileges(entry))
                            .as("%s on %s: only a series' daily indices are created by a write", service, names(entry))
                            .doesNotContain("auto_configure");
                }
                Set<String> others = new TreeSet<>(names(entry));
                others.removeAll(dailyPatterns());
                Schema.standard().types().stream()
                        .filter(DataType::series)
                        .forEach(type -> others.remove(type.index()));
                if (!others.isEmpty()) {
                    assertThat(privileges(entry))
                            .as("%s on %s: only a series' days (and its alias) are deleted whole", service, others)
                            .doesNotContain("delete_index");
                }
            }
        }
    }

    @Test
    void theIngestApiCreatesASeriesDaysByWritingAndRetentionDeletesThem() throws Exception {
        JsonNode ingest = roles().path("agent7_ingest").path("indices");
        JsonNode detections = roles().path("agent7_detections").path("indices");
        for (String days : dailyPatterns()) {
            assertThat(entriesNaming(ingest, days))
                    .as("agent7_ingest on %s", days)
                    .contains("index", "auto_configure");
            assertThat(entriesNaming(detections, days))
                    .as("agent7_detections (retention) on %s", days)
                    .contains("view_index_metadata", "delete_index");
        }
        Set<String> stateIndices = new TreeSet<>(agentIndices());
        Schema.standard().types().stream().filter(DataType::series).forEach(type -> stateIndices.remove(type.index()));
        for (String index : stateIndices) {
            assertThat(entriesNaming(detections, index))
                    .as("agent7_detections (retention of removed items) on %s", index)
                    .contains("read", "delete");
        }
    }

    private static List<String> entriesNaming(JsonNode entries, String index) {
        List<String> privileges = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (names(entry).contains(index)) {
                privileges.addAll(privileges(entry));
            }
        }
        return privileges;
    }

    @Test
    void deploymentDocShowsTheRolesAsTheFileHasThem() throws Exception {
        Path doc = root().resolve(DOC);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s holds the marker %s", DOC, BEGIN).isNotNegative();
        assertThat(end).as("%s holds the marker %s", DOC, END).isGreaterThan(begin);
        String table = table(roles());
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("agent7.regenerate")) {
            Files.writeString(
                    doc,
                    text.substring(0, begin + BEGIN.length()) + table + text.substring(end),
                    StandardCharsets.UTF_8);
            current = table;
        }
        assertThat(current)
                .as(
                        "the roles table of %s; regenerate it with mvn -q -pl e2e -am test -Dtest=%s"
                                + " -Dsurefire.failIfNoSpecifiedTests=false -Dagent7.regenerate=true",
                        DOC, getClass().getSimpleName())
                .isEqualTo(table);
    }

    /** The table, one row per role and index entry, agent data indices named as a group. */
    static String table(JsonNode roles) {
        StringBuilder out = new StringBuilder(
                "\n| role | cluster privileges | indices | index privileges |\n" + "| --- | --- | --- | --- |\n");
        for (String role : roles.propertyNames()) {
            List<String> cluster = new ArrayList<>();
            roles.path(role).path("cluster").forEach(p -> cluster.add(p.asString()));
            boolean first = true;
            for (JsonNode entry : roles.path(role).path("indices")) {
                Set<String> names = names(entry);
                String shown = names.equals(agentIndices())
                        ? "the " + names.size() + " agent data indices (docs/SCHEMA.md)"
                        : String.join(
                                ", ", names.stream().map(n -> "`" + n + "`").toList());
                out.append("| ")
                        .append(first ? "`" + role + "`" : "")
                        .append(" | ")
                        .append(first ? (cluster.isEmpty() ? "none" : String.join(", ", cluster)) : "")
                        .append(" | ")
                        .append(shown)
                        .append(" | ")
                        .append(String.join(", ", privileges(entry)))
                        .append(" |\n");
                first = false;
            }
        }
        return out.toString();
    }

    static Set<String> names(JsonNode entry) {
        Set<String> names = new TreeSet<>();
        entry.path("names").forEach(n -> names.add(n.asString()));
        return names;
    }

    static List<String> privileges(JsonNode entry) {
        List<String> privileges = new ArrayList<>();
        entry.path("privileges").forEach(p -> privileges.add(p.asString()));
        return privileges;
    }
}
