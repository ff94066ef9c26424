package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.ElasticsearchQueries;
import io.agent7.query.plan.Plan;
import io.agent7.query.request.QueryString;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.IndexTemplates;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fleet questions on a real node over a small hand-written fleet, each answered with exactly
 * the documents the fixture says: the seed question as the original API's URL, its stale and
 * last-week variants, paths that differ only in case, quoted command lines, a join with no
 * related document, and one past the key cap. Documents are stored as the ingest API stores
 * them (normalised, join keys computed from the host's id).
 *
 * <p>The fleet, on 2026-11-28 at noon: host A has Administrator (privileged, enabled, on 10 days
 * ago), helpdesk and olduser (privileged, enabled, stale), guest (not privileged; its only task
 * was removed). Host B has svc_backup (privileged, enabled, recent), Administrator (the same,
 * recent, on 1 day ago) and old_admin (privileged, disabled, stale).
 */
@ExtendWith(ElasticsearchExtension.class)
class FleetQuestionsIT {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    static final Schema SCHEMA = Schema.standard();
    static final String PREFIX = "agent7-it-fleet-" + UUID.randomUUID() + "-";
    static final ObjectMapper JSON = JsonMapper.builder().build();

    static RestClient rest;
    static ElasticsearchClient client;

    @BeforeAll
    static void indexTheFleet() throws Exception {
        URI es = TestElasticsearch.url();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        for (String type : List.of("local_user", "scheduled_task", "startup_item")) {
            DataType dataType = SCHEMA.require(type);
            String mapping = new IndexTemplates(SCHEMA, IndexSettings.DEFAULTS)
                    .mappingOf(dataType)
                    .toString();
            TestElasticsearch.send(es, "PUT", "/" + index(dataType), "{\"mappings\":" + mapping + "}");
        }
        user("A", "A-Administrator", "Administrator", true, true, "2026-11-18T00:00:00Z");
        user("A", "A-helpdesk", "helpdesk", true, true, "2026-08-01T00:00:00Z");
        user("A", "A-olduser", "olduser", true, true, "2026-05-01T00:00:00Z");
        user("A", "A-guest", "guest", false, true, "2026-11-27T00:00:00Z");
        user("B", "B-svc_backup", "svc_backup", true, true, "2026-11-23T00:00:00Z");
        user("B", "B-Administrator", "Administrator", true, true, "2026-11-27T00:00:00Z");
        user("B", "B-old_admin", "old_admin", true, false, "2026-02-01T00:00:00Z");

        // The account name in a different case than the account's: Windows compares names so.
        task(
                "A",
                "t1",
                "administrator",
                "C:\\Users\\Public\\evil.exe",
                "C:\\Users\\Public\\evil.exe -x",
                "2026-11-01T00:00:00Z",
                true);
        // A quoted command line under Program Files: does not start with C:\.
        task(
                "B",
                "t2",
                "Administrator",
                "C:\\Program Files\\Vendor\\app.exe",
                "\"C:\\Program Files\\Vendor\\app.exe\" /run",
                "2026-10-01T00:00:00Z",
                true);
        // Program Files in lower case: the path is the same folder; the command line is not the same text.
        task(
                "B",
                "t3",
                "svc_backup",
                "c:\\program files\\backup\\b.exe",
                "c:\\program files\\backup\\b.exe",
                "2026-10-01T00:00:00Z",
                true);
        task("A", "t4", "helpdesk", "C:\\Temp\\x.exe", "C:\\Temp\\x.exe", "2026-11-25T00:00:00Z", true);
        task("A", "t5", "olduser", "C:\\Temp\\old.exe", "C:\\Temp\\old.exe", "2026-09-01T00:00:00Z", true);
        task("A", "t6", "guest", "C:\\Temp\\gone.exe", "C:\\Temp\\gone.exe", "2026-09-01T00:00:00Z", false);
        startup("A", "s1", "helpdesk", "C:\\Users\\helpdesk\\AppData\\run.exe", "2026-09-01T00:00:00Z");
        startup("B", "s2", "old_admin", "C:\\Users\\old_admin\\run.exe", "2026-09-01T00:00:00Z");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + PREFIX + "*", null);
        rest.close();
    }

    @Test
    void theSeedQuestionVerbatim() throws Exception {
        assertThat(users("as_json=True;filter=last_logon,gt,2%20months%20ago;is_priv,eq,1;active,eq,true;"
                        + "models=tasks,schtasks;cmd_line,notlike,C:\\Program%20Files\\*"))
                .as("t1 through a name in another case; t2's quoted command line; t3's lower-case one")
                .containsExactlyInAnyOrder("A-Administrator", "B-Administrator", "B-svc_backup");
    }

    @Test
    void matchingTheImageFindsOnlyWhatRunsOutsideProgramFilesWhateverItsCase() throws Exception {
        assertThat(users("filter=last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true;"
                        + "models=tasks,schtasks;image,notlike,C:\\Program Files\\*"))
                .containsExactly("A-Administrator");
    }

    @Test
    void theStaleVariant() throws Exception {
        assertThat(users("filter=last_logon,lt,2 months ago;is_priv,eq,1;active,eq,true;"
                        + "models=tasks,schtasks;image,notlike,C:\\Program Files\\*"))
                .as("old_admin is disabled; helpdesk through a task and a startup item")
                .containsExactlyInAnyOrder("A-helpdesk", "A-olduser");
    }

    @Test
    void theStaleVariantLimitedToItemsFirstSeenInTheLastWeek() throws Exception {
        assertThat(users("filter=last_logon,lt,2 months ago;is_priv,eq,1;active,eq,true;"
                        + "models=tasks,schtasks;image,notlike,C:\\Program Files\\*;@timestamp,gt,last week"))
                .containsExactly("A-helpdesk");
    }

    @Test
    void noRelatedDocumentAtAllOnlyCountsWhatIsPresent() throws Exception {
        assertThat(users("filter=!models=tasks,schtasks"))
                .as("guest's only task was removed")
                .containsExactly("A-guest");
    }

    @Test
    void aJoinWithNoMatchesMatchesNothing() throws Exception {
        assertThat(users("filter=models=schtasks;image,like,D:\\*")).isEmpty();
    }

    @Test
    void caseInsensitivePathsAndQuotedCommandLines() throws Exception {
        assertThat(tasks("filter=image,like,C:\\PROGRAM FILES\\*")).containsExactlyInAnyOrder("t2", "t3");
        assertThat(tasks("filter=cmd_line,like,\"\\\"C:\\\\Program Files\\\\*\""))
                .containsExactly("t2");
        assertThat(tasks("filter=cmd_line,ilike,C:\\Program Files\\*")).containsExactly("t3");
    }

    @Test
    void aJoinPastTheKeyCapIsRefusedNamingIt() {
        Map<String, String> p = QueryString.parse("filter=is_priv,eq,1;models=tasks,schtasks;image,like,*");
        assertThatThrownBy(() -> run(SCHEMA.require("users"), p.get("filter"), 2))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.getMessage()).contains("more than 2 join keys"));
    }

    @Test
    void theSmallerPrimarySideDrivesAndExplainSaysSo() throws Exception {
        var compiled = queries(100)
                .compile(
                        FilterDsl.parse("user.name,eq,olduser;models=schtasks;image,like,*"),
                        SCHEMA.require("users"),
                        "filter",
                        present());
        assertThat(compiled.plan().steps())
                .extracting(Plan.Step::note)
                .anySatisfy(note -> assertThat(note).contains("primary side drives"));
        assertThat(ids(SCHEMA.require("users"), compiled.query())).containsExactly("A-olduser");
    }

    @Test
    void luceneSyntaxJoinsAlike() throws Exception {
        Expr q = io.agent7.query.lucene.LuceneSyntax.parse(
                "is_priv:true AND $tasks,schtasks:(image:C\\:\\\\Users\\\\* OR image:C\\:\\\\TEMP\\\\*)");
        DataType users = SCHEMA.require("users");
        var compiled = queries(65_536).compile(Expr.and(q, present()), users, "q", present());

        assertThat(ids(users, compiled.query()))
                .as("t1, s1 and s2 under C:\\Users, t4 and t5 under C:\\Temp; guest is not privileged")
                .containsExactlyInAnyOrder("A-Administrator", "A-helpdesk", "A-olduser", "B-old_admin");
    }

    // --- the fixture's documents

    static void user(String host, String id, String name, boolean privileged, boolean enabled, String lastLogon)
            throws Exception {
        put(
                "local_user",
                host,
                id,
                "2026-01-01T00:00:00Z",
                true,
                Map.of(
                        "user",
                        Map.of("name", name, "privileged", privileged, "enabled", enabled, "last_logon", lastLogon)));
    }

    static void task(
            String host, String id, String user, String image, String commandLine, String firstSeen, boolean present)
            throws Exception {
        put(
                "scheduled_task",
                host,
                id,
                firstSeen,
                present,
                Map.of(
                        "scheduled_task", Map.of("path", "\\" + id, "name", id),
                        "user", Map.of("name", user),
                        "process", Map.of("executable", image, "command_line", commandLine)));
    }

    static void startup(String host, String id, String user, String image, String firstSeen) throws Exception {
        put(
                "startup_item",
                host,
                id,
                firstSeen,
                true,
                Map.of(
                        "startup_item", Map.of("name", id, "location", "HKU\\Run"),
                        "user", Map.of("name", user),
                        "process", Map.of("executable", image, "command_line", image)));
    }

    static void put(String type, String host, String id, String firstSeen, boolean present, Map<String, Object> raw)
            throws Exception {
        DataType dataType = SCHEMA.require(type);
        @SuppressWarnings("unchecked")
        Map<String, Object> source =
                JSON.convertValue(SCHEMA.normalizer(dataType).normalize(JSON.valueToTree(raw), host), Map.class);
        // What the ingest API sets from the agent's credentials and its own clock.
        source.put("host", new HashMap<>(Map.of("id", host)));
        source.put(CommonFields.TIMESTAMP, firstSeen);
        source.put("agent7", merged(source.get("agent7"), Map.of("present", present)));
        client.index(i -> i.index(index(dataType)).id(id).document(source).refresh(Refresh.True));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Object existing, Map<String, Object> more) {
        Map<String, Object> out = existing == null ? new HashMap<>() : new HashMap<>((Map<String, Object>) existing);
        out.putAll(more);
        return out;
    }

    // --- asking

    static String index(DataType type) {
        return PREFIX + type.name();
    }

    static Expr present() {
        return new Expr.Comparison(CommonFields.PRESENT, Operator.EQ, List.of("true"));
    }

    static ElasticsearchQueries queries(int keyCap) {
        return new ElasticsearchQueries(client, SCHEMA, CLOCK, keyCap, FleetQuestionsIT::index);
    }

    static List<String> users(String queryString) throws Exception {
        return run(SCHEMA.require("users"), QueryString.parse(queryString).get("filter"), 65_536);
    }

    static List<String> tasks(String queryString) throws Exception {
        return run(SCHEMA.require("schtasks"), QueryString.parse(queryString).get("filter"), 65_536);
    }

    static List<String> run(DataType type, String filter, int keyCap) throws Exception {
        Expr expr = Expr.and(FilterDsl.parse(filter), present());
        return ids(
                type, queries(keyCap).compile(expr, type, "filter", present()).query());
    }

    static List<String> ids(DataType type, co.elastic.clients.elasticsearch._types.query_dsl.Query query)
            throws Exception {
        return client.search(s -> s.index(index(type)).query(query).size(100), Map.class).hits().hits().stream()
                .map(h -> h.id())
                .sorted()
                .toList();
    }
}
