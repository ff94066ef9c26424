package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.agent7.detections.notify.NotificationProperties.Channel;
import io.agent7.detections.notify.NotificationProperties.Retry;
import io.agent7.detections.notify.NotificationProperties.Smtp;
import io.agent7.detections.notify.Target.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The configuration checks itself, and a bad channel stops the service at startup, by name. */
class NotificationPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(NotificationConfiguration.class);

    @Test
    void defaultsNeedNoConfiguration() {
        NotificationProperties properties = NotificationProperties.defaults();

        assertThat(properties.channels()).isEmpty();
        assertThat(properties.smtp().configured()).isFalse();
        assertThat(properties.retry()).isEqualTo(new Retry(Duration.ofSeconds(1), Duration.ofMinutes(5), 8));
        assertThat(properties.queueCapacity()).isEqualTo(10_000);
        assertThat(properties.webhook().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.webhook().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        Retry retry = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(5), 8);

        assertThat(List.of(1, 2, 3, 4, 7, 1_000).stream().map(retry::backoff))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
    }

    @Test
    void namesAChannelWithABadAddress() {
        List<Channel> channels = List.of(
                new Channel("soc", Kind.WEBHOOK, "https://siem.example.org/hook", List.of("high")),
                new Channel("soc-chat", Kind.SLACK, "ftp://hooks.example.org/x", List.of("high")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Notices.properties(channels, null))
                .withMessage("agent7.detections.notifications.channels[1] (soc-chat): "
                        + "Slack webhook URL 'ftp://hooks.example.org/x' must be http or https");
    }

    @Test
    void namesAChannelWithAnUnknownSeverityOrNone() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Notices.properties(
                        List.of(new Channel("soc", Kind.WEBHOOK, "http://x.example/", List.of("high", "urgent"))),
                        null))
                .withMessage("agent7.detections.notifications.channels[0] (soc): "
                        + "severity 'urgent' is not one of low, medium, high, critical");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        Notices.properties(List.of(new Channel("soc", Kind.WEBHOOK, "http://x.example/", null)), null))
                .withMessageStartingWith("agent7.detections.notifications.channels[0] (soc) has no severities");
    }

    @Test
    void refusesUnnamedAndTwiceNamedChannels() {
        Channel soc = new Channel("soc", Kind.WEBHOOK, "http://x.example/", List.of("high"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Notices.properties(
                        List.of(soc, new Channel(" ", Kind.WEBHOOK, "http://y.example/", List.of("low"))), null))
                .withMessageStartingWith("agent7.detections.notifications.channels[1] has no name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Notices.properties(
                        List.of(soc, new Channel("SOC", Kind.WEBHOOK, "http://y.example/", List.of("low"))), null))
                .withMessage("agent7.detections.notifications.channels[1] (SOC): another channel has the same name");
    }

    @Test
    void anEmailChannelNeedsAMailServer() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Notices.properties(
                        List.of(new Channel("soc-mail", Kind.EMAIL, "soc@example.org", List.of("critical"))), null))
                .withMessage("agent7.detections.notifications.channels[0] (soc-mail) is an email channel, "
                        + "but agent7.detections.notifications.smtp.host is not set");
    }

    @Test
    void aMailServerNeedsAValidSenderAndKeepsItsPasswordOutOfLogs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Smtp("mx.example.org", 587, null, null, true, null, null))
                .withMessageStartingWith("agent7.detections.notifications.smtp.from is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Smtp("mx.example.org", 587, null, null, true, "agent7", null))
                .withMessage("agent7.detections.notifications.smtp.from: "
                        + "email address 'agent7' is not an address: Missing final '@domain'");
        assertThat(new Smtp("mx.example.org", 587, "agent7", "hunter2", true, "a@example.org", null).toString())
                .contains("username=agent7")
                .doesNotContain("hunter2");
    }

    @Test
    void refusesRetriesThatCannotWork() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Retry(Duration.ofMinutes(10), Duration.ofMinutes(5), 3))
                .withMessage("agent7.detections.notifications.retry.initial-backoff (PT10M) "
                        + "cannot be longer than retry.max-backoff (PT5M)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Retry(null, null, 0))
                .withMessage("agent7.detections.notifications.retry.max-attempts must be at least 1, got 0");
    }

    @Test
    void startsWithChannelsFromYamlProperties() {
        context.withPropertyValues(
                        "agent7.detections.notifications.channels[0].name=soc-chat",
                        "agent7.detections.notifications.channels[0].kind=slack",
                        "agent7.detections.notifications.channels[0].address=https://hooks.slack.com/services/T/B/X",
                        "agent7.detections.notifications.channels[0].severities=high,critical",
                        "agent7.detections.notifications.retry.initial-backoff=2s",
                        "agent7.detections.notifications.queue-capacity=101",
                        "agent7.detections.notifications.console-url=https://console.example.org")
                .run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(Notifier.class);
                    NotificationProperties properties = started.getBean(NotificationProperties.class);
                    assertThat(properties.channels()).singleElement().satisfies(c -> {
                        assertThat(c.kind()).isEqualTo(Kind.SLACK);
                        assertThat(c.severities()).containsExactly("high", "critical");
                    });
                    assertThat(properties.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.queueCapacity()).isEqualTo(101);
                    assertThat(started.getBean(Notifier.class).targets("critical", List.of()))
                            .extracting(Target::name)
                            .containsExactly("soc-chat");
                });
    }

    @Test
    void bindsTheShippedApplicationYml() {
        context.withInitializer(new ConfigDataApplicationContextInitializer()).run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(NotificationProperties.class)).isEqualTo(NotificationProperties.defaults());
        });
    }

    @Test
    void failsStartupNamingABadChannel() {
        context.withPropertyValues(
                        "agent7.detections.notifications.channels[0].name=soc-hook",
                        "agent7.detections.notifications.channels[0].kind=webhook",
                        "agent7.detections.notifications.channels[0].address=ftp://siem.example.org/in",
                        "agent7.detections.notifications.channels[0].severities=high")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("agent7.detections.notifications.channels[0] (soc-hook): "
                                + "webhook URL 'ftp://siem.example.org/in' must be http or https"));
    }
}
