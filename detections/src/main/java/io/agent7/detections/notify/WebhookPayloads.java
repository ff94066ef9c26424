package io.agent7.detections.notify;

import io.agent7.detections.notify.NoticeText.Fact;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies of the three webhook kinds. */
final class WebhookPayloads {

    /** Bumped when a field of the generic payload changes meaning or goes away. */
    static final int SCHEMA_VERSION = 1;

    /** Slack refuses a section's text past 3,000 characters; a reason is cut well before. */
    private static final int SLACK_REASON_LIMIT = 2_000;

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    byte[] render(Target.Kind kind, AlertNotice notice) {
        ObjectNode body = switch (kind) {
            case WEBHOOK -> generic(notice);
            case SLACK -> slack(notice);
            case TEAMS -> teams(notice);
            case EMAIL -> throw new IllegalArgumentException("an email target has no webhook payload");
        };
        return json.writeValueAsBytes(body);
    }

    /** Every field of the notice, in snake case as in the alert documents; absent ones as null. */
    ObjectNode generic(AlertNotice notice) {
        ObjectNode body = json.createObjectNode();
        body.put("event", "alert");
        body.put("schema_version", SCHEMA_VERSION);
        body.put("alert_id", notice.alertId());
        body.put("rule_id", notice.ruleId());
        body.put("rule_name", notice.ruleName());
        body.put("severity", notice.severity());
        body.put("risk_score", notice.riskScore());
        body.put("host_id", notice.hostId());
        body.put("host_name", notice.hostName());
        body.put("reason", notice.reason());
        body.put("raised_at", notice.raisedAt().toString());
        body.put("count", notice.count());
        body.put("console_url", notice.consoleUrl());
        return body;
    }

    /**
     * An incoming-webhook message: {@code text} is what notifications and clients without
     * blocks show; the blocks are a headline with the reason and link, then the facts. Text is
     * escaped as Slack asks, so a reason holding {@code <!channel>} does not page a channel.
     */
    ObjectNode slack(AlertNotice notice) {
        String link = notice.consoleUrl() == null ? "" : "\n<" + notice.consoleUrl() + "|Open the alert in Agent7>";
        StringBuilder text = new StringBuilder(NoticeText.headline(notice));
        StringBuilder section = new StringBuilder("*")
                .append(slackEscape(NoticeText.headline(notice)))
                .append('*');
        if (NoticeText.hasReason(notice)) {
            String reason = NoticeText.oneLine(notice.reason());
            text.append(": ").append(reason);
            section.append('\n').append(slackEscape(truncate(reason, SLACK_REASON_LIMIT)));
        }
        if (notice.consoleUrl() != null) {
            text.append(" ").append(notice.consoleUrl());
        }
        ObjectNode body = json.createObjectNode();
        body.put("text", slackEscape(text.toString()));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode headline = blocks.addObject().put("type", "section");
        headline.putObject("text").put("type", "mrkdwn").put("text", section + link);
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        for (Fact fact : NoticeText.facts(notice)) {
            fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", "*" + fact.title() + "*\n" + slackEscape(fact.value()));
        }
        return body;
    }

    /**
     * A message with one Adaptive Card, the form both Teams workflows ("post to a channel when
     * a webhook request is received") and the older incoming webhooks take. Version 1.4 is the
     * newest that every Teams client renders.
     */
    ObjectNode teams(AlertNotice notice) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        ArrayNode items = card.putArray("body");
        items.addObject()
                .put("type", "TextBlock")
                .put("text", NoticeText.headline(notice))
                .put("size", "Medium")
                .put("weight", "Bolder")
                .put("color", teamsColor(notice.severity()))
                .put("wrap", true);
        if (NoticeText.hasReason(notice)) {
            items.addObject()
                    .put("type", "TextBlock")
                    .put("text", notice.reason().strip())
                    .put("wrap", true);
        }
        ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
        for (Fact fact : NoticeText.facts(notice)) {
            facts.addObject().put("title", fact.title()).put("value", fact.value());
        }
        if (notice.consoleUrl() != null) {
            card.putArray("actions")
                    .addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", "Open the alert in Agent7")
                    .put("url", notice.consoleUrl());
        }
        return body;
    }

    private static String teamsColor(String severity) {
        return switch (severity) {
            case "critical", "high" -> "Attention";
            case "medium" -> "Warning";
            default -> "Default";
        };
    }

    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
