package io.agent7.search.alerts;

import io.agent7.schema.CommonFields;
import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's alert pages, analysts and up: {@code /alerts}, the list with its filters and
 * bulk actions, and {@code /alerts/{id}}, one alert with its rule, the item it matched and its
 * workflow. Their forms post here and come back with what became of the change; the changes
 * themselves are the API's ({@link Triage}).
 */
@Controller
class AlertPagesController {

    static final int PAGE_ROWS = 100;
    static final List<String> FILTERS = List.of("status", "severity", "rule", "host", "from", "to", "q");
    private static final Pattern BACK = Pattern.compile("/alerts(\\?[^\\s\\\\]*)?");

    private final AlertStore store;
    private final Triage triage;
    private final Schema schema;
    private final Clock clock;

    AlertPagesController(AlertStore store, Triage triage, Schema schema, Clock clock) {
        this.store = store;
        this.triage = triage;
        this.schema = schema;
        this.clock = clock;
    }

    /** One line of the list. */
    record Row(
            String id,
            String url,
            String raisedAt,
            String severity,
            String rule,
            String ruleId,
            String hostId,
            String hostName,
            String reason,
            String status,
            String assignee,
            String count) {}

    @GetMapping("/alerts")
    String list(@RequestParam(required = false) String cursor, HttpServletRequest request, Model model) {
        // The filters as given (several values of one joined with commas, as the API takes them).
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String[] values = request.getParameterValues(name);
            form.put(name, values == null ? "" : String.join(",", values));
        }
        model.addAttribute("form", form);
        model.addAttribute(
                "statuses",
                EnumSet.allOf(AlertStatus.class).stream().map(AlertStatus::id).toList());
        model.addAttribute(
                "severities",
                EnumSet.allOf(Severity.class).stream().map(Severity::id).toList());
        // Where the bulk form comes back to: this list, as filtered.
        model.addAttribute(
                "back", "/alerts" + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        try {
            AlertFilter filter = AlertRequests.filter(request.getParameterMap(), clock);
            AlertStore.Page page = store.search(filter, cursor, PAGE_ROWS);
            model.addAttribute(
                    "rows",
                    page.alerts().stream().map(AlertPagesController::row).toList());
            model.addAttribute("total", page.total());
            if (page.nextCursor() != null) {
                List<String> next = new ArrayList<>();
                form.forEach((name, value) -> next.addAll(List.of(name, value)));
                next.addAll(List.of("cursor", page.nextCursor()));
                model.addAttribute("nextUrl", AlertLinks.list(next.toArray(String[]::new)));
            }
        } catch (AlertInputException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("total", 0);
        }
        return "alerts";
    }

    @GetMapping("/alerts/{id}")
    String alert(@PathVariable String id, Model model) {
        AlertStore.Stored stored = store.read(List.of(AlertRequests.id(id))).get(id);
        if (stored == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No alert '" + id + "'");
        }
        model.addAttribute("alert", AlertView.of(stored.alert(), schema));
        return "alert";
    }

    /** The alert page's forms: {@code acknowledge}, {@code close} (reason), {@code reopen}, {@code assign} (assignee), {@code note} (text). */
    @PostMapping("/alerts/{id}/{action}")
    String change(
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String text,
            Authentication user,
            HttpServletRequest request,
            RedirectAttributes flash) {
        try {
            Change change = AlertRequests.change(
                    AlertRequests.action(action, EnumSet.allOf(AlertRequests.Action.class)), reason, assignee, text);
            Triage.Result result = triage.apply(AlertRequests.id(id), change, AlertsApiController.actor(user, request));
            switch (result.kind()) {
                case CHANGED -> flash.addFlashAttribute("message", done(change));
                case UNCHANGED -> flash.addFlashAttribute("message", "Nothing to do: " + result.detail() + ".");
                case NOT_FOUND -> throw new ApiProblem(HttpStatus.NOT_FOUND, "No alert '" + id + "'");
                default -> flash.addFlashAttribute("error", "Not done: " + result.detail() + ".");
            }
        } catch (AlertInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + AlertLinks.alert(id);
    }

    /** The list's bulk form: the checked alerts, an action, and the reason or assignee it takes. */
    @PostMapping("/alerts/bulk")
    String bulk(
            @RequestParam(required = false) List<String> ids,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String back,
            Authentication user,
            HttpServletRequest request,
            RedirectAttributes flash) {
        try {
            if (ids == null || ids.isEmpty()) {
                throw new AlertInputException("Tick the alerts to change first.");
            }
            AlertRequests.Action chosen = AlertRequests.action(action, AlertRequests.BULK);
            Change change = AlertRequests.change(chosen, reason, assignee, null);
            List<Triage.Result> results =
                    triage.applyAll(AlertRequests.ids(ids), change, AlertsApiController.actor(user, request));
            Map<Triage.Result.Kind, Long> counts = new LinkedHashMap<>();
            results.forEach(r -> counts.merge(r.kind(), 1L, Long::sum));
            List<String> parts = counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().id().replace('_', ' '))
                    .toList();
            flash.addFlashAttribute("message", "Bulk " + chosen.id() + ": " + String.join(", ", parts) + ".");
        } catch (AlertInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        // Only back to a list of this console: the form's field must not send anyone elsewhere.
        return "redirect:" + (back != null && BACK.matcher(back).matches() ? back : "/alerts");
    }

    private static String done(Change change) {
        if (change instanceof Change.Acknowledge) {
            return "Acknowledged.";
        }
        if (change instanceof Change.Close) {
            return "Closed.";
        }
        if (change instanceof Change.Reopen) {
            return "Reopened.";
        }
        if (change instanceof Change.Assign assign) {
            return assign.assignee().isEmpty() ? "Unassigned." : "Assigned to " + assign.assignee() + ".";
        }
        return "Note added.";
    }

    private static Row row(Alert a) {
        String rule = a.text("rule.name");
        return new Row(
                a.id(),
                AlertLinks.alert(a.id()),
                a.text(CommonFields.TIMESTAMP),
                a.text("alert.severity"),
                rule.isEmpty() ? a.text("rule.id") : rule,
                a.text("rule.id"),
                a.text(CommonFields.HOST_ID),
                a.text(CommonFields.HOST_NAME),
                a.text("event.reason"),
                a.status().id(),
                a.assignee(),
                a.text("alert.count"));
    }
}
