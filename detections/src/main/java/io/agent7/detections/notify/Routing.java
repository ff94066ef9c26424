package io.agent7.detections.notify;

import io.agent7.detections.notify.NotificationProperties.Channel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which targets a notice goes to, and the console link it carries there. */
final class Routing {

    private final Map<String, List<Target>> channelsBySeverity = new LinkedHashMap<>();
    /** Without a trailing slash; null when no console URL is configured. */
    private final String consoleUrl;

    Routing(NotificationProperties properties) {
        for (String severity : AlertNotice.SEVERITIES) {
            channelsBySeverity.put(
                    severity,
                    properties.channels().stream()
                            .filter(c -> c.isFor(severity))
                            .map(Channel::target)
                            .toList());
        }
        this.consoleUrl = properties.consoleUrl() == null
                ? null
                : properties.consoleUrl().toString().replaceAll("/+$", "");
    }

    /**
     * The rule's targets, then the channels for the severity, each kind and address once: the
     * same URL as a generic webhook and as Slack is two payloads, so two deliveries.
     */
    List<Target> targets(String severity, List<Target> ruleTargets) {
        List<Target> candidates = new ArrayList<>(ruleTargets);
        candidates.addAll(channelsBySeverity.getOrDefault(severity, List.of()));
        Map<String, Target> chosen = new LinkedHashMap<>();
        for (Target target : candidates) {
            chosen.putIfAbsent(target.kind() + " " + target.address(), target);
        }
        return List.copyOf(chosen.values());
    }

    /** The notice with a link to its page in the console, unless it has one or there is no console URL. */
    AlertNotice linked(AlertNotice notice) {
        if (notice.consoleUrl() != null || consoleUrl == null) {
            return notice;
        }
        String id = URLEncoder.encode(notice.alertId(), StandardCharsets.UTF_8).replace("+", "%20");
        return notice.withConsoleUrl(consoleUrl + "/alerts/" + id);
    }
}
