package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.detections.notify.Target.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What each kind of webhook receives, posted for real to a receiver on loopback. */
class WebhookPayloadTest {

    private final TestReceiver receiver = TestReceiver.start();
    private final Notifier notifier = new Notifier(Notices.withConsole("https://console.example.org/"));

    @AfterEach
    void stop() {
        notifier.close();
        receiver.close();
    }

    private JsonNode deliver(Kind kind, AlertNotice notice) {
        notifier.submit(notice, List.of(new Target(kind, receiver.url("/" + kind.yaml()), null)));
        Eventually.until("one delivery", () -> notifier.stats().delivered() == 1);
        assertThat(receiver.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8"));
        return receiver.requests().get(0).json();
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void genericPayloadHoldsEveryFieldAndALinkToTheAlert() {
        JsonNode body = deliver(Kind.WEBHOOK, Notices.notice());

        assertThat(body).isEqualTo(json("""
                {"event": "alert", "schema_version": 1,
                 "alert_id": "a-0017", "rule_id": "r-encoded-powershell", "rule_name": "Encoded PowerShell",
                 "severity": "high", "risk_score": 73, "host_id": "h-042", "host_name": "WS-042",
                 "reason": "powershell.exe ran with -EncodedCommand", "raised_at": "2025-03-01T12:34:56Z",
                 "count": 3, "console_url": "https://console.example.org/alerts/a-0017"}
                """));
    }

    @Test
    void genericPayloadHasNullsForWhatANoticeLacks() {
        AlertNotice hostless = new AlertNotice(
                "a 2", "r-1", "Agents silent", "LOW", 21, null, null, null, Instant.EPOCH, 1, "https://x.example/a");

        JsonNode body = deliver(Kind.WEBHOOK, hostless);

        assertThat(body.get("severity").asString()).isEqualTo("low");
        assertThat(body.get("host_id").isNull()).isTrue();
        assertThat(body.get("host_name").isNull()).isTrue();
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(body.get("raised_at").asString()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(body.get("console_url").asString()).isEqualTo("https://x.example/a");
    }

    @Test
    void slackPayloadHasASummaryLineAndMarkdownBlocks() {
        JsonNode body = deliver(Kind.SLACK, Notices.notice());

        assertThat(body).isEqualTo(json("""
                {"text": "HIGH alert: Encoded PowerShell on WS-042: powershell.exe ran with -EncodedCommand https://console.example.org/alerts/a-0017",
                 "blocks": [
                   {"type": "section", "text": {"type": "mrkdwn", "text":
                     "*HIGH alert: Encoded PowerShell on WS-042*\\npowershell.exe ran with -EncodedCommand\\n<https://console.example.org/alerts/a-0017|Open the alert in Agent7>"}},
                   {"type": "section", "fields": [
                     {"type": "mrkdwn", "text": "*Severity*\\nhigh (risk score 73)"},
                     {"type": "mrkdwn", "text": "*Host*\\nWS-042 (h-042)"},
                     {"type": "mrkdwn", "text": "*Rule*\\nEncoded PowerShell (r-encoded-powershell)"},
                     {"type": "mrkdwn", "text": "*Raised at*\\n2025-03-01T12:34:56Z"},
                     {"type": "mrkdwn", "text": "*Count*\\n3"},
                     {"type": "mrkdwn", "text": "*Alert*\\na-0017"}]}]}
                """));
    }

    @Test
    void slackTextIsEscapedSoThatAReasonCannotPageAChannel() {
        AlertNotice notice = new AlertNotice(
                "a-1", "r-1", "Rule <b>", "medium", 47, "h-1", "h-1", "said <!channel> & left", Instant.EPOCH, 1, null);

        JsonNode body = deliver(Kind.SLACK, notice);

        assertThat(body.get("text").asString())
                .isEqualTo(
                        "MEDIUM alert: Rule &lt;b&gt; on h-1: said &lt;!channel&gt; &amp; left https://console.example.org/alerts/a-1");
        assertThat(body.at("/blocks/0/text/text").asString())
                .startsWith("*MEDIUM alert: Rule &lt;b&gt; on h-1*\nsaid &lt;!channel&gt; &amp; left\n<https://");
    }

    @Test
    void teamsPayloadIsAnAdaptiveCardWithFactsAndALink() {
        JsonNode body = deliver(Kind.TEAMS, Notices.notice("critical"));

        assertThat(body).isEqualTo(json("""
                {"type": "message", "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "content": {
                    "type": "AdaptiveCard", "version": "1.4",
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "body": [
                      {"type": "TextBlock", "text": "CRITICAL alert: Encoded PowerShell on WS-042",
                       "size": "Medium", "weight": "Bolder", "color": "Attention", "wrap": true},
                      {"type": "TextBlock", "text": "powershell.exe ran with -EncodedCommand", "wrap": true},
                      {"type": "FactSet", "facts": [
                        {"title": "Severity", "value": "critical (risk score 73)"},
                        {"title": "Host", "value": "WS-042 (h-042)"},
                        {"title": "Rule", "value": "Encoded PowerShell (r-encoded-powershell)"},
                        {"title": "Raised at", "value": "2025-03-01T12:34:56Z"},
                        {"title": "Count", "value": "3"},
                        {"title": "Alert", "value": "a-0017"}]}],
                    "actions": [{"type": "Action.OpenUrl", "title": "Open the alert in Agent7",
                                 "url": "https://console.example.org/alerts/a-0017"}]}}]}
                """));
    }

    @Test
    void teamsCardHasNoActionWithoutALink() {
        notifier.close();
        try (Notifier unlinked = new Notifier(Notices.properties(Notices.quickRetry(3)))) {
            unlinked.submit(Notices.notice("low"), List.of(new Target(Kind.TEAMS, receiver.url("/teams"), null)));
            Eventually.until("one delivery", () -> unlinked.stats().delivered() == 1);
        }

        JsonNode card = receiver.requests().get(0).json().at("/attachments/0/content");
        assertThat(card.has("actions")).isFalse();
        assertThat(card.at("/body/0/color").asString()).isEqualTo("Default");
        assertThat(card.at("/body/2/facts/0/value").asString()).isEqualTo("low (risk score 73)");
    }
}
