package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.Expr;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The query API against a backend that records what it is asked. */
class QueryControllerTest {

    private final List<SearchBackend.Request> asked = new ArrayList<>();
    private RuntimeException failure;
    private final SearchBackend backend = request -> {
        asked.add(request);
        if (failure != null) {
            throw failure;
        }
        return new SearchBackend.Page(
                1, false, List.of(new SearchBackend.Hit("id-1", Map.of("process", Map.of("pid", 42)))));
    };

    private QueryController controller(SearchProperties properties) {
        return new QueryController(Schema.standard(), backend, properties);
    }

    private Map<String, Object> query(QueryController controller, String type, String filter, String limit) {
        return controller.query(type, filter, limit, "0", "", "", "present");
    }

    @Test
    void theBackendIsAskedInTheProjectsOwnTerms() {
        Map<String, Object> body =
                query(controller(SearchProperties.defaults()), "procs", "process.name,eq,java", null);

        SearchBackend.Request request = asked.get(0);
        assertThat(request.type().name()).as("an alias finds its type").isEqualTo("process");
        assertThat(request.filter())
                .as("the filter and what is on the hosts now")
                .isInstanceOfSatisfying(
                        Expr.And.class, and -> assertThat(and.children()).hasSize(2));
        assertThat(request.size()).as("the default limit").isEqualTo(100);
        assertThat(body).containsEntry("type", "process").containsEntry("total", 1L);
    }

    @Test
    void theLimitWhenNoneIsAskedAndTheDeepestPageAreSettings() {
        QueryController controller = controller(new SearchProperties(500, 25));

        query(controller, "process", "", null);
        assertThat(asked.get(0).size()).isEqualTo(25);
        assertThatThrownBy(() -> controller.query("process", "", "400", "200", "", "", "present"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("offset + limit may not exceed 500; narrow the filter instead");
    }

    @Test
    void aMissingIndexIsAnErrorNamingItNotZeroHits() {
        failure = new MissingIndexException("agent7-process");

        assertThatThrownBy(() -> query(controller(SearchProperties.defaults()), "process", "", null))
                .isSameAs(failure);
        ResponseEntity<ProblemDetail> answer = new SearchProblems().missingIndex((MissingIndexException) failure);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After"))
                .as("waiting alone will not install it")
                .isNull();
        assertThat(answer.getBody().getDetail())
                .startsWith("Index 'agent7-process' does not exist: the Agent7 schema is not installed");
    }

    @Test
    void anUnknownTypeIs404NamingTheChoices() {
        assertThatThrownBy(() -> query(controller(SearchProperties.defaults()), "gizmo", "", null))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.NOT_FOUND))
                .hasMessageStartingWith("Unknown data type 'gizmo'; known types: host, process");
        assertThat(asked).isEmpty();
    }
}
