package io.agent7.search.alerts;

import io.agent7.schema.CommonFields;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Alerts as other pages show them: the dashboard's open alerts by severity and by rule, and a
 * host page's open alerts. Every count and line links to the alert list or page it stands for.
 */
@Component
public final class AlertOverview {

    /** Rules the dashboard lists, most alerts first. */
    static final int TOP_RULES = 10;

    private final AlertStore store;

    AlertOverview(AlertStore store) {
        this.store = store;
    }

    /** A count and the filtered alert list it opens. */
    public record Slice(String label, long count, String url) {}

    /**
     * @param bySeverity every severity, most severe first
     * @param byRule     the rules with most open alerts
     */
    public record OpenAlerts(long total, List<Slice> bySeverity, List<Slice> byRule) {}

    /** One alert of a host's, for its page. */
    public record Line(String url, String raisedAt, String severity, String rule, String reason, String assignee) {}

    public OpenAlerts open() {
        AlertStore.OpenCounts counts = store.openCounts(TOP_RULES);
        String open = AlertStatus.OPEN.id();
        List<Slice> bySeverity = new ArrayList<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            bySeverity.add(new Slice(
                    severity.id(),
                    counts.bySeverity().getOrDefault(severity, 0L),
                    AlertLinks.list("status", open, "severity", severity.id())));
        }
        List<Slice> byRule = counts.byRule().stream()
                .map(r -> new Slice(r.name(), r.count(), AlertLinks.list("status", open, "rule", r.id())))
                .toList();
        return new OpenAlerts(counts.total(), bySeverity, byRule);
    }

    /**
     * A host's open alerts for its page.
     *
     * @param total how many are open, of which {@code lines} are the newest
     * @param url   the list of every alert of the host, open or not
     */
    public record HostAlerts(long total, List<Line> lines, String url) {}

    /** The host's open alerts, newest first, at most {@code size} of them. */
    public HostAlerts openOn(String hostId, int size) {
        AlertStore.Page page = store.search(AlertFilter.openOn(hostId), null, size);
        List<Line> lines = page.alerts().stream()
                .map(a -> new Line(
                        AlertLinks.alert(a.id()),
                        a.text(CommonFields.TIMESTAMP),
                        a.text("alert.severity"),
                        a.text("rule.name"),
                        a.text("event.reason"),
                        a.assignee()))
                .toList();
        return new HostAlerts(page.total(), lines, AlertLinks.list("host", hostId));
    }
}
