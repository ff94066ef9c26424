package io.agent7.search.console;

import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.request.SortKey;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.alerts.AlertOverview;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.security.Actors;
import io.agent7.server.web.ApiProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Everything about one host: its facts and last check-in, its policy group, each type's
 * present items in tabs, and a timeline of what appeared and what went (newest first,
 * filterable by type). Every host name in the console links here.
 */
@Controller
class HostController {

    static final int TAB_ROWS = 100;
    static final int TIMELINE_PER_TYPE = 25;
    static final int TIMELINE_ROWS = 100;
    static final int OPEN_ALERTS = 50;

    private final Schema schema;
    private final Questions questions;
    private final Fanout fanout;
    private final AlertOverview alerts;

    HostController(Schema schema, Questions questions, Fanout fanout, AlertOverview alerts) {
        this.schema = schema;
        this.questions = questions;
        this.fanout = fanout;
        this.alerts = alerts;
    }

    /** One line of the timeline. */
    record Change(String at, String what, String type, String item) {}

    @GetMapping("/hosts")
    String hosts() {
        return "redirect:"
                + UriComponentsBuilder.fromPath("/")
                        .queryParam("type", "host")
                        .queryParam(
                                "cols", "host.name,host.os.name,host_state.last_checkin,host_state.group,agent.version")
                        .queryParam("orderby", "host.name")
                        .build()
                        .encode()
                        .toUriString();
    }

    @GetMapping("/hosts/{id}")
    String host(
            @PathVariable String id,
            @RequestParam(required = false, defaultValue = "process") String tab,
            @RequestParam(required = false) String timeline,
            Authentication user,
            Model model) {
        String own = "host.id,eq," + FilterDsl.quote(id);
        List<SearchBackend.Hit> facts =
                questions.page("host", own, List.of(), 1).hits();
        if (facts.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "No host with id '" + id + "'");
        }
        Map<String, Object> host = facts.get(0).source();
        Map<String, String> shown = new LinkedHashMap<>();
        for (String f : List.of(
                "host.name",
                "host.id",
                "host.os.name",
                "host.os.version",
                "host.os.kernel",
                "host.ip",
                "host.architecture",
                "agent.version",
                "host_state.last_checkin",
                "host_state.enrolled_at",
                "host_state.group",
                "host_state.policy_version")) {
            shown.put(f, Cells.text(host, f));
        }
        model.addAttribute("hostId", id);
        model.addAttribute("hostName", Cells.text(host, "host.name"));
        model.addAttribute("facts", shown);
        model.addAttribute("group", Cells.text(host, "host_state.group"));
        List<DataType> types = schema.types().stream()
                .filter(t -> !t.name().equals("host") && !t.series() && t.field(CommonFields.HOST_ID) != null)
                .toList();
        DataType current =
                types.stream().filter(t -> t.name().equals(tab)).findFirst().orElse(types.get(0));
        model.addAttribute("tabs", types.stream().map(DataType::name).toList());
        model.addAttribute("tab", current.name());
        List<String> columns = ConsoleController.columns(current, null, fanout.fieldsWithValues(current)).stream()
                .filter(c -> !c.equals(CommonFields.HOST_NAME))
                .toList();
        var itemsFuture = fanout.submit(() -> questions.page(current.name(), own, List.of(), TAB_ROWS));
        // The host's open alerts, for those who may open them (analysts and up).
        var alertsFuture =
                Actors.roles(user).contains("analyst") ? fanout.submit(() -> alerts.openOn(id, OPEN_ALERTS)) : null;
        List<Change> changes = timeline(types, own, timeline);
        SearchBackend.Page items = Fanout.join(itemsFuture);
        if (alertsFuture != null) {
            model.addAttribute("alerts", Fanout.join(alertsFuture));
        }
        model.addAttribute("columns", columns);
        model.addAttribute(
                "items",
                items.hits().stream()
                        .map(h -> columns.stream()
                                .map(c -> Cells.text(h.source(), c))
                                .toList())
                        .toList());
        model.addAttribute("itemTotal", items.total().value());
        model.addAttribute("itemsUrl", Questions.searchUrl(current.name(), own));
        model.addAttribute("timelineType", timeline == null ? "" : timeline);
        model.addAttribute("changes", changes);
        return "host";
    }

    /** What appeared ({@code @timestamp}: first seen) and what went ({@code removed_at}), newest first. */
    private List<Change> timeline(List<DataType> types, String own, String only) {
        List<CompletableFuture<List<Change>>> perType = new ArrayList<>();
        for (DataType type : types) {
            if (only == null || only.isBlank() || type.name().equals(only)) {
                perType.add(fanout.submit(() -> changes(type, own)));
            }
        }
        List<Change> changes = new ArrayList<>();
        Fanout.joinAll(perType).forEach(changes::addAll);
        changes.sort(Comparator.comparing(Change::at).reversed());
        return changes.size() > TIMELINE_ROWS ? changes.subList(0, TIMELINE_ROWS) : changes;
    }

    /** One type's changes on the host: its newest items, and its most recently removed ones. */
    private List<Change> changes(DataType type, String own) {
        String label = ConsoleController.columns(type, null, fanout.fieldsWithValues(type)).stream()
                .filter(c -> !c.equals(CommonFields.HOST_NAME))
                .findFirst()
                .orElse(CommonFields.TIMESTAMP);
        List<Change> changes = new ArrayList<>();
        var appeared =
                questions.page(type.name(), own, List.of(new SortKey(CommonFields.TIMESTAMP, true)), TIMELINE_PER_TYPE);
        for (SearchBackend.Hit h : appeared.hits()) {
            changes.add(new Change(
                    Cells.text(h.source(), CommonFields.TIMESTAMP),
                    "appeared",
                    type.name(),
                    Cells.text(h.source(), label)));
        }
        for (SearchBackend.Hit h :
                questions.removed(type.name(), own, TIMELINE_PER_TYPE).hits()) {
            changes.add(new Change(
                    Cells.text(h.source(), CommonFields.REMOVED_AT),
                    "removed",
                    type.name(),
                    Cells.text(h.source(), label)));
        }
        return changes;
    }
}
