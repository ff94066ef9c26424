package io.agent7.detections.notify;

import io.agent7.detections.engine.DetectionEngine;
import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The engine's new alerts, handed to the {@link Notifier}: never blocks the run that raised them. */
@Component
class AlertNotifications implements DetectionEngine.AlertListener {

    private final Notifier notifier;

    AlertNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void created(Rule rule, Finding finding, Map<String, Object> alert) {
        Map<?, ?> host = alert.get("host") instanceof Map<?, ?> h ? h : Map.of();
        AlertNotice notice = new AlertNotice(
                finding.alertId(),
                rule.id(),
                rule.name(),
                rule.severity().yaml(),
                rule.riskScore(),
                host.get("id") == null ? null : host.get("id").toString(),
                host.get("name") == null ? null : host.get("name").toString(),
                finding.reason(),
                Instant.parse(alert.get("@timestamp").toString()),
                finding.count(),
                null); // the notifier links to the console when it knows where that is
        List<Target> targets = rule.notifications().stream()
                .map(n -> new Target(Target.Kind.valueOf(n.kind().name()), n.address(), null))
                .toList();
        notifier.submit(notice, targets);
    }
}
