package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Each message of docs/AGENT-PROTOCOL.md as a golden file: decoding and encoding it again
 * gives the same JSON, field for field and in the same order.
 */
class GoldenMessagesTest {

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = GoldenMessagesTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return JsonTrees.read(in.readAllBytes());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "enroll-request.json, io.agent7.protocol.EnrollRequest",
        "enroll-answer.json, io.agent7.protocol.EnrollAnswer",
        "token-request.json, io.agent7.protocol.TokenRequest",
        "token-answer.json, io.agent7.protocol.TokenAnswer",
        "checkin-report.json, io.agent7.protocol.CheckinReport",
        "checkin-answer.json, io.agent7.protocol.CheckinAnswer",
        "batch-answer.json, io.agent7.protocol.BatchAnswer",
        "commands-answer.json, io.agent7.protocol.CommandsAnswer",
        "command-report.json, io.agent7.protocol.CommandReport",
        "command-status.json, io.agent7.protocol.CommandStatus"
    })
    void roundTripsToTheSameBytes(String fixture, String messageClass) throws Exception {
        JsonNode json = golden(fixture);
        Class<? extends ProtocolMessage> type = Class.forName(messageClass).asSubclass(ProtocolMessage.class);

        ProtocolMessage message = ProtocolCodec.decode(JsonTrees.bytes(json), type);

        assertThat(message).isInstanceOf(type);
        assertThat(new String(ProtocolCodec.encode(message), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(JsonTrees.string(json));
    }

    @Test
    void readsTheCheckinAnswersPolicyIntoTypedValues() throws Exception {
        CheckinAnswer answer =
                ProtocolCodec.decode(JsonTrees.bytes(golden("checkin-answer.json")), CheckinAnswer.class);

        Policy policy = answer.policy();
        assertThat(policy.version()).isEqualTo(3);
        assertThat(policy.checkin()).isEqualTo(new Policy.Checkin(Duration.ofSeconds(20), Duration.ofSeconds(60)));
        assertThat(policy.fullSnapshotInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.schedule("software"))
                .isEqualTo(new Policy.Schedule(true, Duration.ofDays(1), Duration.ofMinutes(5)));
        assertThat(policy.registryKeys()).containsExactly("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run");
        assertThat(answer.forced()).containsExactly("software");
        assertThat(answer.serverTime()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Test
    void readsTheCheckinReportsErrorsAsTypedValues() throws Exception {
        CheckinReport report =
                ProtocolCodec.decode(JsonTrees.bytes(golden("checkin-report.json")), CheckinReport.class);

        assertThat(report.collectorErrors())
                .containsExactly(new CollectorError(
                        "software", CollectorError.Kind.OVER_BUDGET, "ran over its 300s budget and was stopped"));
        assertThat(report.policyVersion()).isEqualTo(3L);
        assertThat(report.spool()).isEqualTo(new CheckinReport.Spool(0, 0));
        assertThat(report.host().os().platform()).isEqualTo("debian");
    }

    @Test
    void readsCollectorErrorsInTheTextFormOfEarlierAgents() {
        CheckinReport report =
                ProtocolCodec.decode("""
                {"collector_errors": ["software: ran over its 5m budget", "no colon here"]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8), CheckinReport.class);

        assertThat(report.collectorErrors())
                .containsExactly(
                        new CollectorError("software", CollectorError.Kind.OTHER, "ran over its 5m budget"),
                        new CollectorError("unknown", CollectorError.Kind.OTHER, "no colon here"));
        assertThat(report.collectorErrors().get(0).summary()).isEqualTo("software: ran over its 5m budget");
    }

    @Test
    void readsAKindItDoesNotKnowAsOther() {
        CheckinReport report =
                ProtocolCodec.decode("""
                {"collector_errors": [{"type": "process", "kind": "melted", "detail": "too hot"}]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8), CheckinReport.class);

        assertThat(report.collectorErrors())
                .containsExactly(new CollectorError("process", CollectorError.Kind.OTHER, "too hot"));
    }

    @Test
    void leavesOutWhatIsAbsentAndIgnoresFieldsItDoesNotKnow() {
        EnrollRequest request = ProtocolCodec.decode(
                "{\"site_key\": \"sk_1\", \"from_the_future\": {\"x\": 1}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                EnrollRequest.class);

        assertThat(request).isEqualTo(new EnrollRequest("sk_1", null, null));
        assertThat(JsonTrees.string(ProtocolCodec.toJson(request))).isEqualTo("{\"site_key\":\"sk_1\"}");
    }

    @Test
    void namesEveryFieldOfTheWrongKind() {
        MalformedMessageException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                MalformedMessageException.class,
                () -> ProtocolCodec.decode("""
                        {"agent_version": 7, "host": {"ips": ["10.0.0.1", 5], "uptime": "long"},
                         "spool": [], "collector_errors": [{"kind": "failed"}]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8), CheckinReport.class));

        assertThat(e.problems())
                .containsExactly(
                        new MalformedMessageException.Problem("agent_version", "must be a string"),
                        new MalformedMessageException.Problem("host.ips[1]", "must be a string"),
                        new MalformedMessageException.Problem("host.uptime", "must be a whole number"),
                        new MalformedMessageException.Problem("spool", "must be an object"),
                        new MalformedMessageException.Problem("collector_errors[0].type", "is required"));
        assertThat(e.getMessage()).startsWith("The body is not a valid checkin report: agent_version must be a string");
    }

    @Test
    void refusesAValueOfTheRightKindThatTheMessageCannotHold() {
        MalformedMessageException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                MalformedMessageException.class,
                () -> ProtocolCodec.decode(
                        "{\"collectors\": {\"process\": {\"interval\": \"0s\"}}}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Policy.class));

        assertThat(e.problems())
                .containsExactly(new MalformedMessageException.Problem(
                        null, "A collector's interval must be positive, got PT0S"));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                                MalformedMessageException.class,
                                () -> ProtocolCodec.decode(
                                        "{\"site_key\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        EnrollRequest.class))
                        .getMessage())
                .startsWith("The body is not valid JSON");
    }

    @Test
    void sortsThePolicysCollectorsByName() {
        Policy policy = new Policy(
                "g",
                1,
                null,
                null,
                java.util.Map.of(
                        "software", new Policy.Schedule(true, Duration.ofHours(24), null),
                        "disk", new Policy.Schedule(false, Duration.ofMinutes(15), Duration.ofSeconds(90))),
                List.of());

        assertThat(JsonTrees.string(ProtocolCodec.toJson(policy)))
                .isEqualTo("{\"group\":\"g\",\"version\":1,\"checkin\":{\"min\":\"20s\",\"max\":\"1m\"},"
                        + "\"full_snapshot_interval\":\"1d\",\"collectors\":{"
                        + "\"disk\":{\"enabled\":false,\"interval\":\"15m\",\"time_budget\":\"90s\"},"
                        + "\"software\":{\"enabled\":true,\"interval\":\"1d\",\"time_budget\":\"1m\"}},"
                        + "\"registry_keys\":[]}");
    }
}
