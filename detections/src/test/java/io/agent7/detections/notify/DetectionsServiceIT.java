package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.elasticsearch.RuleStore;
import io.agent7.schema.Values;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The detection service as it runs: a rule saved through the store runs on the engine's
 * schedule, its alert is written, and its webhooks are called: one receiver up, one down when
 * the alert is raised and up later (the notice is retried until it arrives). The rule matches
 * only this run's items; the node is shared.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "agent7.detections.tick=500ms",
            "agent7.detections.lease=5s",
            "agent7.detections.rules-refresh=1s",
            "agent7.detections.builtin=false",
            "agent7.detections.notifications.retry.initial-backoff=200ms",
            "agent7.detections.notifications.retry.max-backoff=1s",
            "agent7.detections.notifications.retry.max-attempts=100",
            "logging.structured.format.console=",
            "logging.level.root=WARN",
            "spring.main.banner-mode=off"
        })
@ExtendWith(ElasticsearchExtension.class)
class DetectionsServiceIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final TestReceiver UP = TestReceiver.start();
    static final int LATE_PORT = TestReceiver.freePort();

    @Autowired
    RuleStore store;

    @Autowired
    ElasticsearchClient client;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        UP.close();
    }

    @Test
    void aSavedRuleRaisesItsAlertOnScheduleAndItsWebhooksAreCalledEvenOneThatWasDown() throws Exception {
        Rule rule = RuleYaml.read(
                """
                id: service-%s
                name: Service test %s
                severity: critical
                interval: 10s
                overlap: 8s
                type: query
                query: {types: [process], text: "process.name,eq,svc-%s"}
                notify:
                  - webhook: %s
                  - slack: %s
                """.formatted(RUN, RUN, RUN, UP.url("/generic"), TestReceiver.urlOnPort(LATE_PORT, "/slack")),
                Rule.CUSTOM);
        store.save(rule, 0, "it", Instant.now());

        String host = "svc-host-" + RUN;
        Instant now = Instant.now();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", Values.formatDate(now));
        d.put("event", Map.of("ingested", Values.formatDate(now)));
        d.put("agent7", Map.of("type", "process", "present", true));
        d.put("host", Map.of("id", host, "name", host));
        d.put("process", Map.of("pid", 7, "name", "svc-" + RUN, "executable", "/tmp/svc"));
        client.index(
                i -> i.index("agent7-process").id("svc-" + RUN).routing(host).document(d));

        Eventually.until("the generic webhook", () -> !UP.requests().isEmpty());
        JsonNode payload = UP.requests().get(0).json();
        assertThat(payload.path("rule_id").asString()).isEqualTo(rule.id());
        assertThat(payload.path("host_name").asString()).isEqualTo(host);
        assertThat(payload.path("severity").asString()).isEqualTo("critical");
        TestElasticsearch.refresh("agent7-alerts");
        assertThat(TestElasticsearch.count("agent7-alerts", "{\"term\":{\"rule.id\":\"" + rule.id() + "\"}}"))
                .isEqualTo(1);

        try (TestReceiver late = TestReceiver.start(LATE_PORT)) {
            Eventually.until(
                    "the Slack webhook, once it is up", () -> !late.requests().isEmpty());
            assertThat(late.requests().get(0).json().path("text").asString()).contains("Service test " + RUN);
        }
        assertThat(UP.requests()).as("one alert, one notice").hasSize(1);
    }
}
