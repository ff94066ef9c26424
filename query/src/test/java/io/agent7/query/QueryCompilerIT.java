package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.query.bind.Binder;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.QueryCompiler;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.IndexTemplates;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What compiled filters match on a real node, with the real mapping: the semantics, not just the JSON. */
@ExtendWith(ElasticsearchExtension.class)
class QueryCompilerIT {

    static final String INDEX = "agent7-it-query-" + UUID.randomUUID();
    static final DataType PROCESS = Schema.standard().require("process");
    static RestClient rest;
    static ElasticsearchClient client;

    @BeforeAll
    static void indexDocuments() throws Exception {
        URI es = TestElasticsearch.url();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        String mapping = new IndexTemplates(Schema.standard(), IndexSettings.DEFAULTS)
                .mappingOf(PROCESS)
                .toString();
        TestElasticsearch.send(es, "PUT", "/" + INDEX, "{\"mappings\":" + mapping + "}");
        List<Map<String, Object>> docs = List.of(
                process("pf", 100, "C:\\Program Files\\App\\app.exe", "SYSTEM", "2026-11-28T11:00:00Z", "app.exe"),
                process(
                        "pf-lower",
                        200,
                        "c:\\program files\\tool.exe",
                        "Administrator",
                        "2026-10-01T00:00:00Z",
                        "tool.exe"),
                process(
                        "public",
                        300,
                        "C:\\Users\\Public\\evil.exe",
                        "administrator",
                        "2026-11-28T11:59:50Z",
                        "evil.exe"),
                process("pfx86", 400, "C:\\Program Files (x86)\\old.exe", "bob", "2025-01-01T00:00:00Z", "old.exe"),
                process("linux", 500, "/usr/bin/java", "root", "2026-11-20T00:00:00Z", "java"));
        for (Map<String, Object> doc : docs) {
            String id = (String) doc.remove("_id");
            client.index(i -> i.index(INDEX).id(id).document(doc).refresh(Refresh.True));
        }
    }

    static Map<String, Object> process(String id, long pid, String executable, String user, String start, String name) {
        return new java.util.HashMap<>(Map.of(
                "_id",
                id,
                "agent7",
                Map.of("present", true),
                "process",
                Map.of(
                        "pid",
                        pid,
                        "executable",
                        executable,
                        "name",
                        name,
                        "start",
                        start,
                        "user",
                        Map.of("name", user))));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + INDEX, null);
        rest.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = "=>",
            value = {
                "process.executable,like,C:\\Program Files\\*                  => pf pf-lower",
                "process.executable,notlike,C:\\Program Files\\*               => linux pfx86 public",
                "process.executable,like,C:\\Program Files*;process.executable,notlike,C:\\Program Files (x86)\\* => pf pf-lower",
                "process.executable,like,*\\public\\*                           => public",
                "process.executable,like,?:\\Users\\*                           => public",
                "process.user.name,eq,administrator                             => pf-lower public",
                "process.user.name,in,SYSTEM|BOB                                => pf pfx86",
                "process.name,eq,JAVA                                           => ''",
                "process.pid,gt,200;process.pid,le,400                          => pfx86 public",
                "process.start,gt,5 seconds ago                                 => ''",
                "process.start,gt,30 seconds ago                                => public",
                "process.start,ge,last week                                     => pf public",
                "process.start,lt,2 months ago                                  => pfx86",
                "process.working_directory,exists,false;process.pid,lt,200     => pf",
            })
    void matches(String filter, String expectedIds) throws Exception {
        var query = new QueryCompiler()
                .compile(new Binder(Schema.standard(), FilterGoldenTest.CLOCK)
                        .bind(FilterDsl.parse(filter), PROCESS, "filter"));
        var response = client.search(s -> s.index(INDEX).query(query).size(100), Map.class);
        List<String> ids =
                response.hits().hits().stream().map(h -> h.id()).sorted().toList();
        List<String> expected =
                expectedIds.isBlank() ? List.of() : List.of(expectedIds.trim().split("\\s+"));
        assertThat(ids).as(filter).isEqualTo(expected.stream().sorted().toList());
    }
}
