package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandSignature;
import io.agent7.testkit.TestCommands;
import io.agent7.testkit.TestElasticsearch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The agents' side of remote response: long poll, output chunks, reports, and what an agent may not do. */
class AgentCommandsIT extends IngestApiIT {

    /** A queued command for {@code hostId}, written as the console writes it; answers its id. */
    static String queue(String hostId, Instant expiresAt) {
        String id = UUID.randomUUID().toString();
        Command command = new Command(
                id,
                hostId,
                Command.Action.RUN,
                List.of("/usr/bin/uptime"),
                Map.of(),
                false,
                Duration.ofSeconds(30),
                1 << 20,
                Instant.now(),
                expiresAt,
                UUID.randomUUID().toString());
        TestCommands.queue(command, CommandSignature.sign(command, COMMAND_KEYS.getPrivate()));
        return id;
    }

    static JsonNode command(String id) {
        return TestCommands.stored(id);
    }

    Response poll(Agent agent, int waitSeconds) {
        return send("/api/v1/agents/commands?wait=" + waitSeconds, agent.accessToken(), null, null, null, "GET");
    }

    Response status(Agent agent, String id) {
        return send("/api/v1/agents/commands/" + id, agent.accessToken(), null, null, null, "GET");
    }

    Response report(Agent agent, String id, String json) {
        return post("/api/v1/agents/commands/" + id + "/report", agent.accessToken(), "application/json", json);
    }

    Response output(Agent agent, String id, String seq, byte[] chunk) {
        return send(
                "/api/v1/agents/commands/" + id + "/output?seq=" + seq,
                agent.accessToken(),
                "application/octet-stream",
                null,
                chunk,
                "POST");
    }

    @Test
    void aWaitingPollTakesItsCommandThenOutputAndTheResultAreRecorded() {
        Agent agent = enroll();
        Agent other = enroll();
        String id = queue(agent.hostId(), Instant.now().plusSeconds(600));

        Response delivered = poll(agent, 20);
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.body().path("commands")).hasSize(1);
        JsonNode first = delivered.body().path("commands").get(0);
        assertThat(first.path("id").asString()).isEqualTo(id);
        assertThat(CommandSignature.verify(first.path("signed").asString(), COMMAND_KEYS.getPublic())
                        .hostId())
                .isEqualTo(agent.hostId());
        assertThat(command(id).path("state").asString()).isEqualTo("delivered");
        assertThat(poll(agent, 1).body().path("commands")).as("delivered once").isEmpty();

        // Another host's agent may neither write its output nor report on it.
        assertThat(output(other, id, "0", "x".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(403);
        assertThat(report(other, id, "{\"state\":\"done\",\"at\":\"" + Instant.now() + "\"}")
                        .status())
                .isEqualTo(403);

        assertThat(report(agent, id, "{\"state\":\"running\",\"at\":\"" + Instant.now() + "\"}")
                        .status())
                .isEqualTo(204);
        assertThat(output(agent, id, "0", " 12:00:01 up 3 days,".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(204);
        assertThat(output(agent, id, "1", new byte[] {(byte) 0xff, 0, 10}).status())
                .isEqualTo(204);
        String sha = "ab".repeat(32);
        assertThat(report(
                                agent,
                                id,
                                "{\"state\":\"done\",\"at\":\"" + Instant.now() + "\",\"exit_code\":0,\"bytes\":24,"
                                        + "\"sha256\":\"" + sha + "\",\"truncated\":false}")
                        .status())
                .isEqualTo(204);

        JsonNode done = command(id);
        assertThat(done.path("state").asString()).isEqualTo("done");
        assertThat(done.path("exit_code").asLong()).isZero();
        assertThat(done.path("output_sha256").asString()).isEqualTo(sha);
        TestElasticsearch.refresh("agent7-command-output");
        assertThat(TestElasticsearch.count("agent7-command-output", "{\"term\":{\"command.id\":\"" + id + "\"}}"))
                .isEqualTo(2);
        TestElasticsearch.refresh("agent7-audit");
        assertThat(TestElasticsearch.count(
                        "agent7-audit",
                        "{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"command.result\"}},"
                                + "{\"term\":{\"audit.target\":\"" + agent.hostId() + "\"}}]}}"))
                .isEqualTo(1);
        assertThat(TestElasticsearch.count(
                        "agent7-audit",
                        "{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"command.other_host\"}},"
                                + "{\"term\":{\"audit.target\":\"" + other.hostId() + "\"}}]}}"))
                .isEqualTo(2);

        Response late = report(agent, id, "{\"state\":\"failed\",\"at\":\"" + Instant.now() + "\"}");
        assertThat(late.status()).as("an ended command stays ended").isEqualTo(409);
        assertThat(output(agent, id, "2", "more".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aCommandCancelledWhileItsAgentRunsItIsSoSaidAndEndsCancelled() {
        Agent agent = enroll();
        Agent other = enroll();
        String first = queue(agent.hostId(), Instant.now().plusSeconds(600));
        String second = queue(agent.hostId(), Instant.now().plusSeconds(600));
        assertThat(poll(agent, 20).body().path("commands").findValuesAsString("id"))
                .as("both in one answer")
                .containsExactly(first, second);
        assertThat(command(second).path("state").asString()).isEqualTo("delivered");
        assertThat(report(agent, first, "{\"state\":\"running\",\"at\":\"" + Instant.now() + "\"}")
                        .status())
                .isEqualTo(204);

        Response status = status(agent, first);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.body().path("state").asString()).isEqualTo("running");
        assertThat(status.body().path("cancel").asBoolean()).isFalse();
        assertThat(status(other, first).status()).as("another host's command").isEqualTo(403);
        assertThat(status(agent, "no-such-command").status()).isEqualTo(404);

        // The console marks it as a responder's cancel does.
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "POST",
                "/agent7-commands/_update/" + first + "?refresh=true",
                "{\"doc\":{\"command\":{\"cancel_requested_by\":\"ann\",\"cancel_requested_at\":\"" + Instant.now()
                        + "\"}}}");
        assertThat(status(agent, first).body().path("cancel").asBoolean()).isTrue();
        assertThat(report(
                                agent,
                                first,
                                "{\"state\":\"cancelled\",\"at\":\"" + Instant.now()
                                        + "\",\"exit_code\":-1,\"bytes\":0,\"message\":\"cancelled by a responder\"}")
                        .status())
                .isEqualTo(204);
        assertThat(command(first).path("state").asString()).isEqualTo("cancelled");
        Response ended = status(agent, first);
        assertThat(ended.body().path("state").asString()).isEqualTo("cancelled");
        assertThat(ended.body().path("cancel").asBoolean())
                .as("nothing left to stop")
                .isFalse();
    }

    @Test
    void aCommandPastItsExpiryIsNeverDeliveredAndIsMarkedExpired() {
        Agent agent = enroll();
        String id = queue(agent.hostId(), Instant.now().minusSeconds(1));
        assertThat(poll(agent, 0).body().path("commands")).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> command(id).path("state").asString().equals("expired"));
        assertThat(poll(agent, 1).body().path("commands")).isEmpty();
    }

    @Test
    void badPollsChunksAndReportsAreRefusedWithTheFieldNamed() {
        Agent agent = enroll();
        String id = queue(agent.hostId(), Instant.now().plusSeconds(600));
        assertThat(poll(agent, 0).body().path("commands")).hasSize(1);

        Response wait = send("/api/v1/agents/commands?wait=forever", agent.accessToken(), null, null, null, "GET");
        assertThat(wait.status()).isEqualTo(400);
        assertThat(wait.body().path("detail").asString()).contains("wait must be whole seconds");
        assertThat(send("/api/v1/agents/commands?wait=61", agent.accessToken(), null, null, null, "GET")
                        .status())
                .isEqualTo(400);
        assertThat(output(agent, id, "-1", "x".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
        assertThat(output(agent, id, "zero", "x".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(400);
        Response state = report(agent, id, "{\"state\":\"exploded\",\"at\":\"" + Instant.now() + "\"}");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.toString()).contains("state");
        Response sha = report(agent, id, "{\"state\":\"done\",\"at\":\"" + Instant.now() + "\",\"sha256\":\"XYZ\"}");
        assertThat(sha.status()).isEqualTo(400);
        assertThat(sha.toString()).contains("sha256");
        assertThat(command(id).path("state").asString()).as("nothing changed").isEqualTo("delivered");
        assertThat(report(agent, "no-such-command", "{\"state\":\"done\",\"at\":\"" + Instant.now() + "\"}")
                        .status())
                .isEqualTo(404);
        assertThat(send("/api/v1/agents/commands?wait=0", null, null, null, null, "GET")
                        .status())
                .isEqualTo(401);
    }
}
