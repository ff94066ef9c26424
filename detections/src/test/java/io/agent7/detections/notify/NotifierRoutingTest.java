package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.agent7.detections.notify.NotificationProperties.Channel;
import io.agent7.detections.notify.Target.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which targets a notice goes to: the rule's own, and the channels for its severity, each once. */
class NotifierRoutingTest {

    private static final List<Channel> CHANNELS = List.of(
            new Channel("soc", Kind.WEBHOOK, "http://127.0.0.1:1/soc", List.of("high", "critical")),
            new Channel("soc-chat", Kind.SLACK, "http://127.0.0.1:1/soc", List.of("High")),
            new Channel(
                    "everything", Kind.TEAMS, "http://127.0.0.1:1/all", List.of("low", "medium", "high", "critical")),
            new Channel("quiet", Kind.WEBHOOK, "http://127.0.0.1:1/quiet", List.of("low")));

    @Test
    void addsTheChannelsForTheSeverityAfterTheRuleTargetsWithoutRepeats() {
        try (Notifier notifier = new Notifier(Notices.properties(CHANNELS, Notices.quickRetry(3)))) {
            Target ruleOwn = new Target(Kind.WEBHOOK, "http://127.0.0.1:1/rule", null);
            Target sameAsSoc = new Target(Kind.WEBHOOK, "http://127.0.0.1:1/soc", null);

            List<Target> targets = notifier.targets("high", List.of(ruleOwn, sameAsSoc));

            // The same URL as Slack is another payload, so another delivery; as a generic
            // webhook it is the rule's entry and goes once.
            assertThat(targets)
                    .extracting(Target::kind, Target::address, Target::name)
                    .containsExactly(
                            tuple(Kind.WEBHOOK, "http://127.0.0.1:1/rule", null),
                            tuple(Kind.WEBHOOK, "http://127.0.0.1:1/soc", null),
                            tuple(Kind.SLACK, "http://127.0.0.1:1/soc", "soc-chat"),
                            tuple(Kind.TEAMS, "http://127.0.0.1:1/all", "everything"));
            assertThat(notifier.targets("low", List.of()))
                    .extracting(Target::name)
                    .containsExactly("everything", "quiet");
        }
    }

    @Test
    void deliversToEachChosenTargetOnce() {
        try (TestReceiver receiver = TestReceiver.start()) {
            List<Channel> channels = List.of(
                    new Channel("soc", Kind.WEBHOOK, receiver.url("/soc"), List.of("high")),
                    new Channel("night", Kind.WEBHOOK, receiver.url("/night"), List.of("critical")));
            try (Notifier notifier = new Notifier(Notices.properties(channels, Notices.quickRetry(3)))) {
                List<Target> ruleTargets = List.of(
                        new Target(Kind.WEBHOOK, receiver.url("/soc"), null),
                        new Target(Kind.WEBHOOK, receiver.url("/rule"), null));

                notifier.submit(Notices.notice("high"), ruleTargets);

                Eventually.until("two deliveries", () -> notifier.stats().delivered() == 2);
                assertThat(receiver.requests())
                        .extracting(TestReceiver.Request::path)
                        .containsExactlyInAnyOrder("/soc", "/rule");
            }
        }
    }

    @Test
    void linksToTheConsoleWithTheAlertIdEncoded() {
        try (TestReceiver receiver = TestReceiver.start();
                Notifier notifier = new Notifier(Notices.withConsole("https://console.example.org/agent7//"))) {
            AlertNotice notice =
                    new AlertNotice("a 1/2", "r-1", "Rule", "low", 21, null, null, null, Instant.EPOCH, 1, null);

            notifier.submit(notice, List.of(new Target(Kind.WEBHOOK, receiver.url("/hook"), null)));

            Eventually.until("the delivery", () -> notifier.stats().delivered() == 1);
            assertThat(receiver.requests().get(0).json().get("console_url").asString())
                    .isEqualTo("https://console.example.org/agent7/alerts/a%201%2F2");
        }
    }
}
