package io.agent7.search.alerts;

import io.agent7.search.security.Actors;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/alerts}, analysts and up: the alerts newest first with filters and a cursor,
 * one alert, and the workflow: acknowledge, close with a reason, reopen, assign, add a note,
 * and any of the first four on up to 1,000 alerts at once. Bad input is a 400 naming what is
 * wrong, refused before anything is written; every change is audited ({@link Triage}).
 */
@RestController
class AlertsApiController {

    private final AlertStore store;
    private final Triage triage;
    private final Clock clock;

    AlertsApiController(AlertStore store, Triage triage, Clock clock) {
        this.store = store;
        this.triage = triage;
        this.clock = clock;
    }

    /** {@code ?status=open,acknowledged&severity=high&rule=&host=&from=&to=&q=&size=&cursor=}. */
    @GetMapping("/api/v1/alerts")
    Map<String, Object> list(
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        AlertFilter filter = AlertRequests.filter(request.getParameterMap(), clock);
        AlertStore.Page page = store.search(filter, cursor, AlertRequests.size(size));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("total_exact", page.totalExact());
        answer.put(
                "alerts", page.alerts().stream().map(AlertsApiController::json).toList());
        answer.put("next_cursor", page.nextCursor());
        return answer;
    }

    @GetMapping("/api/v1/alerts/{id}")
    Map<String, Object> get(@PathVariable String id) {
        AlertStore.Stored stored = store.read(List.of(AlertRequests.id(id))).get(id);
        if (stored == null) {
            throw notFound(id);
        }
        return json(stored.alert());
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Map<String, Object> acknowledge(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Authentication user,
            HttpServletRequest request) {
        AlertRequests.body(body, Set.of());
        return one(id, new Change.Acknowledge(), user, request);
    }

    /** {@code {"reason": "false positive"}}: required. */
    @PostMapping("/api/v1/alerts/{id}/close")
    Map<String, Object> close(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Authentication user,
            HttpServletRequest request) {
        String reason = AlertRequests.body(body, Set.of("reason")).text("reason");
        return one(id, new Change.Close(reason), user, request);
    }

    @PostMapping("/api/v1/alerts/{id}/reopen")
    Map<String, Object> reopen(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Authentication user,
            HttpServletRequest request) {
        AlertRequests.body(body, Set.of());
        return one(id, new Change.Reopen(), user, request);
    }

    /** {@code {"assignee": "alice"}}; {@code ""} leaves it to nobody. */
    @PostMapping("/api/v1/alerts/{id}/assign")
    Map<String, Object> assign(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Authentication user,
            HttpServletRequest request) {
        AlertRequests.JsonBody fields = AlertRequests.body(body, Set.of("assignee"));
        if (!fields.has("assignee")) {
            throw new AlertInputException("assignee is required: a name, or \"\" to leave the alert to nobody");
        }
        return one(id, new Change.Assign(fields.text("assignee")), user, request);
    }

    /** {@code {"text": "..."}}: by the signed-in person, now. */
    @PostMapping("/api/v1/alerts/{id}/notes")
    Map<String, Object> note(
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            Authentication user,
            HttpServletRequest request) {
        String text = AlertRequests.body(body, Set.of("text")).text("text");
        return one(id, new Change.AddNote(text), user, request);
    }

    /**
     * {@code {"ids": [...], "action": "acknowledge|close|reopen|assign", "reason", "assignee"}}:
     * an outcome per id ({@code changed}, {@code unchanged}, {@code refused}, {@code not_found},
     * {@code conflict}, {@code failed}), the request as a whole refused if any input is wrong.
     */
    @PostMapping("/api/v1/alerts/bulk")
    Map<String, Object> bulk(
            @RequestBody(required = false) JsonNode body, Authentication user, HttpServletRequest request) {
        AlertRequests.JsonBody fields = AlertRequests.body(body, Set.of("ids", "action", "reason", "assignee"));
        List<String> ids = AlertRequests.ids(fields.texts("ids"));
        AlertRequests.Action action = AlertRequests.action(fields.text("action"), AlertRequests.BULK);
        if (action == AlertRequests.Action.ASSIGN && !fields.has("assignee")) {
            throw new AlertInputException("assignee is required to assign: a name, or \"\" to leave them to nobody");
        }
        Change change = AlertRequests.change(action, fields.text("reason"), fields.text("assignee"), null);
        List<Triage.Result> results = triage.applyAll(ids, change, actor(user, request));
        Map<String, Long> counts = new LinkedHashMap<>();
        results.forEach(r -> counts.merge(r.kind().id(), 1L, Long::sum));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", action.id());
        answer.put("counts", counts);
        answer.put(
                "results",
                results.stream()
                        .map(r -> {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("id", r.id());
                            line.put("outcome", r.kind().id());
                            if (r.detail() != null) {
                                line.put("detail", r.detail());
                            }
                            if (r.alert() != null) {
                                line.put("status", r.alert().status().id());
                            }
                            return line;
                        })
                        .toList());
        return answer;
    }

    /** One alert's change: the alert after it, or the problem that stopped it. */
    private Map<String, Object> one(String id, Change change, Authentication user, HttpServletRequest request) {
        Triage.Result result = triage.apply(AlertRequests.id(id), change, actor(user, request));
        switch (result.kind()) {
            case CHANGED, UNCHANGED -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("outcome", result.kind().id());
                if (result.detail() != null) {
                    answer.put("detail", result.detail());
                }
                answer.put("alert", json(result.alert()));
                return answer;
            }
            case NOT_FOUND -> throw notFound(id);
            case REFUSED -> throw new ApiProblem(HttpStatus.CONFLICT, "Alert '" + id + "': " + result.detail());
            case CONFLICT -> throw new ApiProblem(HttpStatus.CONFLICT, "Alert '" + id + "' was " + result.detail());
            default ->
                throw new ApiProblem(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Writing alert '" + id + "' failed: " + result.detail());
        }
    }

    static Triage.Actor actor(Authentication user, HttpServletRequest request) {
        return new Triage.Actor(Actors.name(user), Actors.roles(user), request.getRemoteAddr());
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "No alert '" + id + "'");
    }

    /** The alert as stored, its id first as {@code _id} (as the query API answers documents). */
    static Map<String, Object> json(Alert alert) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_id", alert.id());
        out.putAll(alert.document());
        return out;
    }
}
