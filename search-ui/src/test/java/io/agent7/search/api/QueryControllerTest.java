package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.request.SortKey;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The query API against a backend that records what it is asked and answers what it is told to. */
class QueryControllerTest {

    static final SearchBackend.Hit HIT = new SearchBackend.Hit("id-1", Map.of("process", Map.of("pid", 42)));

    final RecordingBackend backend = new RecordingBackend();
    final MockHttpServletResponse response = new MockHttpServletResponse();

    static final class RecordingBackend implements SearchBackend {
        final List<Object> asked = new ArrayList<>();
        RuntimeException failure;
        Page page = new Page(new Total(1, true), 0, List.of(HIT), null);
        Groups groups = new Groups(new Total(5, true), List.of(), null);
        List<List<Hit>> exportPages = List.of(List.of(HIT));

        private void ask(Object request) {
            asked.add(request);
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public Page search(Request request) {
            ask(request);
            return page;
        }

        @Override
        public Total count(DataType type, Expr filter) {
            ask(filter);
            return new Total(1234, true);
        }

        @Override
        public Groups group(GroupRequest request) {
            ask(request);
            return groups;
        }

        @Override
        public void export(Request request, HitSink sink) throws IOException {
            ask(request);
            sink.begin(new Total(exportPages.stream().mapToLong(List::size).sum(), true));
            for (List<Hit> hits : exportPages) {
                sink.page(hits);
            }
        }

        @Override
        public Set<String> fieldsWithValues(DataType type) {
            return Set.of("process.pid", "host.name");
        }

        @Override
        public Map<String, Object> explain(DataType type, Expr filter) {
            ask(filter);
            return Map.of("steps", List.of());
        }
    }

    QueryController controller(SearchProperties properties) {
        return new QueryController(Schema.standard(), backend, properties);
    }

    Map<String, Object> query(String type, String... parameters) throws IOException {
        return query(controller(SearchProperties.defaults()), type, parameters);
    }

    /** {@code name=value} pairs, decoded; sent encoded and joined with {@code &}, as curl -G --data-urlencode does. */
    Map<String, Object> query(QueryController controller, String type, String... parameters) throws IOException {
        List<String> encoded = new ArrayList<>();
        for (String parameter : parameters) {
            int eq = parameter.indexOf('=');
            encoded.add(parameter.substring(0, eq + 1)
                    + URLEncoder.encode(parameter.substring(eq + 1), StandardCharsets.UTF_8));
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/" + type);
        request.setQueryString(encoded.isEmpty() ? null : String.join("&", encoded));
        return controller.query(type, request, response);
    }

    @Test
    void theBackendIsAskedInTheProjectsOwnTerms() throws IOException {
        Map<String, Object> body = query("procs", "filter=process.name,eq,java", "orderby=-pid", "fields=cmd_line");

        SearchBackend.Request request = (SearchBackend.Request) backend.asked.get(0);
        assertThat(request.type().name()).as("an alias finds its type").isEqualTo("process");
        assertThat(request.filter())
                .as("the filter and what is on the hosts now")
                .isInstanceOfSatisfying(
                        Expr.And.class, and -> assertThat(and.children()).hasSize(2));
        assertThat(request.size()).as("the default limit").isEqualTo(100);
        assertThat(request.sort()).as("aliases resolved").containsExactly(new SortKey("process.pid", true));
        assertThat(request.fields().includes()).containsExactly("process.command_line");
        assertThat(request.cursor()).isNull();
        assertThat(body)
                .containsEntry("type", "process")
                .containsEntry("total", 1L)
                .containsEntry("total_exact", true)
                .containsEntry("offset", 0L)
                .containsEntry("limit", 100)
                .doesNotContainKeys("total_is_lower_bound", "next_cursor");
        assertThat(body.get("items")).isEqualTo(List.of(Map.of("_id", "id-1", "process", Map.of("pid", 42))));
    }

    @Test
    void aCursorPageCarriesTheNextCursorAndWhereItStands() throws IOException {
        backend.page = new SearchBackend.Page(new SearchBackend.Total(25_000, true), 3_000, List.of(HIT), "abc");

        Map<String, Object> body = query("process", "cursor=*", "limit=1000");

        assertThat(((SearchBackend.Request) backend.asked.get(0)).cursor()).isEqualTo("*");
        assertThat(body)
                .containsEntry("total", 25_000L)
                .containsEntry("offset", 3_000L)
                .containsEntry("next_cursor", "abc");
    }

    @Test
    void aTotalThatIsALowerBoundSaysSoInBothMembers() throws IOException {
        backend.page = new SearchBackend.Page(new SearchBackend.Total(10_000, false), 0, List.of(), null);

        assertThat(query("process")).containsEntry("total_exact", false).containsEntry("total_is_lower_bound", true);
    }

    @Test
    void getcountAnswersTheCountAlone() throws IOException {
        Map<String, Object> body = query("process", "getcount=true", "state=all");

        assertThat(body).containsOnlyKeys("type", "total", "total_exact").containsEntry("total", 1234L);
        assertThat(backend.asked.get(0))
                .as("state=all adds nothing to an empty filter")
                .isEqualTo(new Expr.And(List.of()));
    }

    @Test
    void groupsComeWithTheirKeysAndCounts() throws IOException {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("host.name", "h1");
        key.put("process.name", null);
        backend.groups = new SearchBackend.Groups(
                new SearchBackend.Total(9, true), List.of(new SearchBackend.Group(key, 7)), "next");

        Map<String, Object> body = query("process", "groupby=host_name,process.name", "limit=1");

        SearchBackend.GroupRequest request = (SearchBackend.GroupRequest) backend.asked.get(0);
        assertThat(request.fields()).containsExactly("host.name", "process.name");
        assertThat(request.missingValues())
                .as("documents without a value are a group too")
                .isTrue();
        assertThat(body)
                .containsEntry("total", 9L)
                .containsEntry("groupby", List.of("host.name", "process.name"))
                .containsEntry("next_cursor", "next");
        assertThat(body.get("groups")).isEqualTo(List.of(Map.of("key", key, "count", 7L)));
    }

    @Test
    void distinctAnswersTheValuesAlone() throws IOException {
        backend.groups = new SearchBackend.Groups(
                new SearchBackend.Total(9, true),
                List.of(
                        new SearchBackend.Group(Map.of("process.name", "bash"), 4),
                        new SearchBackend.Group(Map.of("process.name", "java"), 5)),
                null);

        Map<String, Object> body = query("process", "distinct=process.name");

        assertThat(((SearchBackend.GroupRequest) backend.asked.get(0)).missingValues())
                .as("no value is not a value")
                .isFalse();
        assertThat(body)
                .containsEntry("distinct", "process.name")
                .containsEntry("values", List.of("bash", "java"))
                .doesNotContainKeys("groups", "next_cursor");
    }

    @Test
    void aCsvExportIsWrittenToTheResponseWithItsTotalInHeaders() throws IOException {
        backend.exportPages =
                List.of(List.of(HIT), List.of(new SearchBackend.Hit("id-2", Map.of("host", Map.of("name", "a,b")))));

        assertThat(query("process", "format=csv")).isNull();

        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Agent7-Total")).isEqualTo("2");
        assertThat(response.getHeader("Agent7-Total-Exact")).isEqualTo("true");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"process.csv\"");
        assertThat(response.getContentAsString())
                .as("columns of the fields that have values, common ones first")
                .isEqualTo("_id,host.name,process.pid\r\nid-1,,42\r\nid-2,\"a,b\",\r\n");
        assertThat(((SearchBackend.Request) backend.asked.get(0)).size())
                .as("every document")
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anNdjsonExportIsOneItemALine() throws IOException {
        query("process", "format=ndjson", "limit=5");

        assertThat(response.getContentType()).startsWith("application/x-ndjson");
        assertThat(response.getContentAsString()).isEqualTo("{\"_id\":\"id-1\",\"process\":{\"pid\":42}}\n");
        assertThat(((SearchBackend.Request) backend.asked.get(0)).size()).isEqualTo(5);
    }

    @Test
    void theDeepestPageIsASettingAndDeeperPagesAreForCursors() throws IOException {
        QueryController controller = controller(new SearchProperties(500, 25, null));

        query(controller, "process");
        assertThat(((SearchBackend.Request) backend.asked.get(0)).size()).isEqualTo(25);
        assertThatThrownBy(() -> query(controller, "process", "limit=400", "offset=200"))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.parameter()).isEqualTo("offset"))
                .hasMessage("offset + limit may not exceed 500 (got 200 + 400); page deeper with cursor=*");
    }

    @Test
    void anUnknownFieldInTheFilterIsA400WithTheNearestNamesAndEveryFieldOfTheType() {
        DataType process = Schema.standard().require("process");
        QueryException e = catchQueryException(() -> new io.agent7.query.bind.Binder(
                        Schema.standard(), java.time.Clock.systemUTC())
                .bind(io.agent7.query.dsl.FilterDsl.parse("process.pid,gt,4;proces.name,eq,x"), process, "filter"));

        ResponseEntity<ProblemDetail> answer = new SearchProblems().badQuery(e);

        assertThat(answer.getBody().getProperties())
                .containsEntry("parameter", "filter")
                .containsEntry("position", Map.of("start", 17, "end", 28));
        assertThat((List<?>) answer.getBody().getProperties().get("suggestions"))
                .first()
                .isEqualTo("process.name");
        assertThat(String.valueOf(answer.getBody().getProperties().get("fields")))
                .contains("process.pid", "process.executable", "image");
    }

    @Test
    void aBadOptionIsA400NamingTheParameterPlaceExpectationAndSuggestions() {
        QueryException e = catchQueryException(() -> query("process", "orderby=process.pid;proces.name,desc"));

        ResponseEntity<ProblemDetail> answer = new SearchProblems().badQuery(e);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().getDetail()).startsWith("Unknown field 'proces.name' in orderby");
        assertThat(answer.getBody().getProperties())
                .containsEntry("parameter", "orderby")
                .containsEntry("position", Map.of("start", 12, "end", 23))
                .containsEntry("expected", "a field of 'process' with keyword, number, date, ip or boolean fields");
        assertThat((List<?>) answer.getBody().getProperties().get("suggestions"))
                .first()
                .isEqualTo("process.name");
        assertThat(backend.asked).isEmpty();
    }

    @Test
    void aProblemWithoutAPlaceLeavesPositionOut() {
        QueryException e = catchQueryException(() -> query("process", "limt=5"));

        ProblemDetail problem = new SearchProblems().badQuery(e).getBody();

        assertThat(problem.getDetail()).isEqualTo("Unknown parameter 'limt'; did you mean limit?");
        assertThat(problem.getProperties())
                .containsEntry("parameter", "limt")
                .containsEntry("suggestions", List.of("limit"))
                .doesNotContainKey("position");
    }

    @Test
    void stateIsCheckedLikeTheOptionsAndAFilterGivenTwiceMustMatchBoth() throws IOException {
        QueryException state = catchQueryException(() -> query("process", "state=presnt"));
        query("process", "filter=process.pid,eq,1", "filter=process.name,eq,x");

        assertThat(state.parameter()).isEqualTo("state");
        assertThat(state.suggestions()).containsExactly("present");
        SearchBackend.Request request = (SearchBackend.Request) backend.asked.get(0);
        assertThat(request.filter())
                .as("both filters and what is on the hosts now")
                .isInstanceOfSatisfying(
                        Expr.And.class, and -> assertThat(and.children()).hasSize(3));
    }

    @Test
    void theOriginalApisShapeSeparatesParametersWithSemicolons() throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/agent/users");
        request.setQueryString("as_json=True;filter=last_logon,gt,2%20months%20ago;is_priv,eq,1;active,eq,true;"
                + "models=tasks,schtasks;cmd_line,notlike,C:\\Program%20Files\\*");

        controller(SearchProperties.defaults()).query("users", request, response);

        SearchBackend.Request asked = (SearchBackend.Request) backend.asked.get(0);
        assertThat(asked.type().name()).isEqualTo("local_user");
        assertThat(asked.filter()).isInstanceOfSatisfying(Expr.And.class, and -> {
            assertThat(and.children()).hasSize(5);
            assertThat(and.children().get(3))
                    .as("the join, its related documents limited to present ones")
                    .isInstanceOfSatisfying(Expr.Join.class, join -> {
                        assertThat(join.types()).containsExactly("tasks", "schtasks");
                        assertThat(join.filter()).isInstanceOf(Expr.And.class);
                    });
        });
    }

    @Test
    void luceneSyntaxNeedsATypeAndMeetsTheSameOptions() throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/search");
        request.setQueryString("q=process.name:cmd.exe&type=procs&limit=5");

        controller(SearchProperties.defaults()).search(request, response);

        SearchBackend.Request asked = (SearchBackend.Request) backend.asked.get(0);
        assertThat(asked.type().name()).isEqualTo("process");
        assertThat(asked.size()).isEqualTo(5);
        MockHttpServletRequest noType = new MockHttpServletRequest("GET", "/api/v1/search");
        noType.setQueryString("q=process.name:cmd.exe");
        assertThat(catchQueryException(
                                () -> controller(SearchProperties.defaults()).search(noType, response))
                        .parameter())
                .isEqualTo("type");
    }

    @Test
    void aMissingIndexIsAnErrorNamingItNotZeroHits() {
        backend.failure = new MissingIndexException("agent7-process");

        assertThatThrownBy(() -> query("process")).isSameAs(backend.failure);
        ResponseEntity<ProblemDetail> answer =
                new SearchProblems().missingIndex((MissingIndexException) backend.failure);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After"))
                .as("waiting alone will not install it")
                .isNull();
        assertThat(answer.getBody().getDetail())
                .startsWith("Index 'agent7-process' does not exist: the Agent7 schema is not installed");
    }

    @Test
    void anUnknownTypeIs404NamingTheChoices() {
        assertThatThrownBy(() -> query("gizmo"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.NOT_FOUND))
                .hasMessageStartingWith("Unknown data type 'gizmo'; known types: host, process");
        assertThat(backend.asked).isEmpty();
    }

    interface Call {
        void run() throws Exception;
    }

    static QueryException catchQueryException(Call call) {
        try {
            call.run();
        } catch (QueryException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("Expected a QueryException, got " + e, e);
        }
        throw new AssertionError("Expected a QueryException, got an answer");
    }
}
