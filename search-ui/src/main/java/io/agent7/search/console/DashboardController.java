package io.agent7.search.console;

import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.alerts.AlertOverview;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.saved.SavedSearch;
import io.agent7.search.saved.SavedSearches;
import io.agent7.search.security.Actors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overview, built from the data as it is: each tile a count or a chart, with the
 * question behind it one click away (the tile's title opens it in the search page; a chart's
 * bar opens its own slice). Charts are drawn by Chart.js, served from the jar.
 */
@Controller
class DashboardController {

    /** Where Windows and Linux keep what the system and its packages installed. */
    static final String OUTSIDE_SYSTEM_FOLDERS = "image,exists;image,notlike,C:\\Windows\\*;"
            + "image,notlike,C:\\Program Files\\*;image,notlike,C:\\Program Files (x86)\\*;"
            + "image,notlike,/usr/*;image,notlike,/bin/*;image,notlike,/sbin/*;image,notlike,/lib/*";

    static final String PRIVILEGED = "is_priv,eq,1;active,eq,true";
    static final String STALE_PRIVILEGED = PRIVILEGED + ";last_logon,lt,2 months ago";
    static final String SILENT = "last_checkin,lt,1 hour ago";
    static final String LISTENING = "state,in,LISTEN|LISTENING";
    static final String RECENT = "@timestamp,gt,now-7d";

    private final Questions questions;
    private final Schema schema;
    private final SavedSearches saved;
    private final Fanout fanout;
    private final AlertOverview alerts;

    DashboardController(Questions questions, Schema schema, SavedSearches saved, Fanout fanout, AlertOverview alerts) {
        this.questions = questions;
        this.schema = schema;
        this.saved = saved;
        this.fanout = fanout;
        this.alerts = alerts;
    }

    /**
     * The open alerts by severity and by rule, each count opening the alert list it stands for.
     *
     * @param error why they could not be counted, or null
     */
    record AlertsTile(AlertOverview.OpenAlerts open, String error) {}

    /**
     * One tile. A count tile has no labels; a chart's labels, counts and links are parallel.
     *
     * @param error why its question failed, or null: one broken tile does not break the page
     */
    record Tile(
            String id,
            String title,
            String url,
            Long count,
            String kind,
            List<String> labels,
            List<Long> counts,
            List<String> links,
            String error) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        /** The chart's data as JSON, for the canvas's data attributes that the console's script reads. */
        public String labelsJson() {
            return JSON.writeValueAsString(labels);
        }

        public String countsJson() {
            return JSON.writeValueAsString(counts);
        }

        public String linksJson() {
            return JSON.writeValueAsString(links);
        }
    }

    @GetMapping("/dashboard")
    String dashboard(Authentication user, Model model) {
        // Every tile's searches side by side (Fanout): the page takes as long as its slowest tile.
        // The alerts tile only for those who may open the alerts it links to.
        CompletableFuture<AlertsTile> alertsTile =
                Actors.roles(user).contains("analyst") ? fanout.submit(this::alertsTile) : null;
        List<CompletableFuture<Tile>> tiles = new ArrayList<>();
        tiles.add(fanout.submit(
                () -> chart("hosts-by-os", "Hosts by operating system", "host", "", "host.os.name", "bar")));
        tiles.add(fanout.submit(() -> count("silent-hosts", "Silent hosts: no check-in for an hour", "host", SILENT)));
        tiles.add(fanout.submit(
                () -> count("privileged-accounts", "Privileged, enabled local accounts", "local_user", PRIVILEGED)));
        tiles.add(fanout.submit(() -> count(
                "stale-privileged",
                "Privileged, enabled accounts not used for two months",
                "local_user",
                STALE_PRIVILEGED)));
        Map<String, CompletableFuture<Long>> recent = new LinkedHashMap<>();
        for (DataType type : schema.types()) {
            if (!type.name().equals("host") && !type.series()) {
                recent.put(type.name(), fanout.submit(() -> questions.count(type.name(), RECENT)));
            }
        }
        tiles.add(fanout.submit(() -> count(
                "tasks-outside",
                "Scheduled tasks running outside system folders",
                "scheduled_task",
                OUTSIDE_SYSTEM_FOLDERS)));
        tiles.add(fanout.submit(() -> count(
                "startup-outside",
                "Startup items running outside system folders",
                "startup_item",
                OUTSIDE_SYSTEM_FOLDERS)));
        tiles.add(fanout.submit(() -> chart(
                "listening-by-process",
                "Listening ports by process",
                "network_connection",
                LISTENING,
                "process.name",
                "bar")));
        tiles.add(fanout.submit(() -> chart(
                "software-recent",
                "Software first seen in the last 7 days",
                "software",
                RECENT,
                "package.name",
                "bar")));
        // Saved searches marked for the dashboard, the viewer's own and the shared ones: a count each.
        for (SavedSearch s : saved.visibleTo(user.getName())) {
            if (s.dashboard()) {
                tiles.add(fanout.submit(() -> savedTile(s)));
            }
        }
        List<Tile> shown = new ArrayList<>(Fanout.joinAll(tiles));
        shown.add(4, recentByType(recent));
        model.addAttribute("tiles", shown);
        model.addAttribute("alertsTile", alertsTile == null ? null : Fanout.join(alertsTile));
        return "dashboard";
    }

    private AlertsTile alertsTile() {
        try {
            return new AlertsTile(alerts.open(), null);
        } catch (RuntimeException e) {
            return new AlertsTile(null, Questions.problem(e));
        }
    }

    private Tile count(String id, String title, String type, String question) {
        String url = Questions.searchUrl(type, question);
        try {
            return new Tile(
                    id, title, url, questions.count(type, question), null, List.of(), List.of(), List.of(), null);
        } catch (RuntimeException e) {
            return new Tile(id, title, url, null, null, List.of(), List.of(), List.of(), Questions.problem(e));
        }
    }

    private Tile savedTile(SavedSearch s) {
        String url = s.url();
        String id = "saved-" + s.id();
        try {
            return new Tile(
                    id,
                    s.name(),
                    url,
                    questions.count(s.type(), s.query(), s.syntax()),
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    null);
        } catch (RuntimeException e) {
            return new Tile(id, s.name(), url, null, null, List.of(), List.of(), List.of(), Questions.problem(e));
        }
    }

    private Tile chart(String id, String title, String type, String question, String field, String kind) {
        String url = Questions.searchUrl(type, question);
        try {
            List<String> labels = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            List<String> links = new ArrayList<>();
            for (SearchBackend.Group g : questions.top(type, question, field, 10)) {
                String value = String.valueOf(g.key().get(field));
                labels.add(value);
                counts.add(g.count());
                String clause = field + ",eq," + FilterDsl.quote(value);
                links.add(Questions.searchUrl(type, question.isEmpty() ? clause : clause + ";" + question));
            }
            return new Tile(id, title, url, null, kind, labels, counts, links, null);
        } catch (RuntimeException e) {
            return new Tile(id, title, url, null, kind, List.of(), List.of(), List.of(), Questions.problem(e));
        }
    }

    /** Items that appeared in the last 7 days, per host type that has any. */
    private static Tile recentByType(Map<String, CompletableFuture<Long>> counts) {
        String title = "Items that appeared in the last 7 days";
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<String> links = new ArrayList<>();
        try {
            for (var entry : counts.entrySet()) {
                long n = Fanout.join(entry.getValue());
                if (n > 0) {
                    labels.add(entry.getKey());
                    values.add(n);
                    links.add(Questions.searchUrl(entry.getKey(), RECENT));
                }
            }
            return new Tile("recent-by-type", title, null, null, "bar", labels, values, links, null);
        } catch (RuntimeException e) {
            return new Tile(
                    "recent-by-type", title, null, null, "bar", List.of(), List.of(), List.of(), Questions.problem(e));
        }
    }
}
