package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.TestElasticsearch;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Check-in, host documents, group policies and forced collections. */
class PolicyIT extends IngestApiIT {

    @Test
    void checkinWritesTheHostDocument() {
        Agent agent = enroll();
        Response r = post("/api/v1/agents/checkin", agent.accessToken(), "application/json", """
                {"agent_version": "1.2.3", "host": {"hostname": "web-01", "ips": ["10.0.0.5", "fe80:0:0:0:0:0:0:1", "bogus"],
                 "os": {"family": "linux", "name": "Debian GNU/Linux", "version": "12"}, "uptime": 7300},
                 "spool": {"bytes": 100, "dropped_batches": 2}}
                """);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Awaitility.await()
                .untilAsserted(() ->
                        assertThat(documentsOf("agent7-host", agent.hostId())).isEqualTo(1));
        JsonNode host = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-host/_search",
                        "{\"query\":{\"term\":{\"host.id\":\"" + agent.hostId() + "\"}}}")
                .path("hits")
                .path("hits")
                .get(0)
                .path("_source");
        assertThat(host.path("agent").path("version").asString()).isEqualTo("1.2.3");
        assertThat(host.path("host").path("ip").valueStream().map(JsonNode::asString))
                .containsExactly("10.0.0.5", "fe80::1");
        assertThat(host.path("host").path("uptime").asLong()).isEqualTo(7200);
        assertThat(host.path("host_state").path("group").asString()).isEqualTo("default");
        assertThat(host.path("host_state").path("spool_dropped").asLong()).isEqualTo(2);
        assertThat(host.path("host_state").path("last_checkin").asString()).isNotBlank();
    }

    @Test
    void aGroupsPolicyIsValidatedVersionedAndServedToItsHosts() {
        String group = "grp-" + UUID.randomUUID().toString().substring(0, 8);
        Response bad =
                send("/api/v1/admin/policies/" + group, admin(), "application/json", null, """
                {"checkin": {"min": "90s", "max": "30s"}, "collectors": {"process": {"interval": "1s"}, "gizmo": {}},
                 "registry_keys": ["HKXX\\\\Nope"], "colour": "red"}
                """.getBytes(), "PUT");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder(
                        "colour", "checkin", "collectors.process.interval", "collectors.gizmo", "registry_keys[0]");

        Response ok = send("/api/v1/admin/policies/" + group, admin(), "application/json", null, """
                {"checkin": {"min": "10s", "max": "20s"}, "collectors": {"process": {"interval": "2m"},
                 "ad_user": {"enabled": true}}, "registry_keys": ["HKLM\\\\SOFTWARE\\\\Agent7"]}
                """.getBytes(), "PUT");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.body().path("version").asLong()).isEqualTo(1);

        Agent agent = enroll();
        post("/api/v1/agents/checkin", agent.accessToken(), "application/json", "{}");
        Awaitility.await()
                .untilAsserted(() ->
                        assertThat(documentsOf("agent7-host", agent.hostId())).isEqualTo(1));
        Response move = send(
                "/api/v1/admin/hosts/" + agent.hostId() + "/group",
                admin(),
                "application/json",
                null,
                ("{\"group\":\"" + group + "\"}").getBytes(),
                "PUT");
        assertThat(move.status()).as(move.toString()).isEqualTo(200);

        JsonNode policy = post("/api/v1/agents/checkin", agent.accessToken(), "application/json", "{}")
                .body()
                .path("policy");
        assertThat(policy.path("group").asString()).isEqualTo(group);
        assertThat(policy.path("version").asLong()).isEqualTo(1);
        assertThat(policy.path("checkin").path("max").asString()).isEqualTo("20s");
        assertThat(policy.path("collectors").path("process").path("interval").asString())
                .isEqualTo("2m");
        assertThat(policy.path("collectors").path("ad_user").path("enabled").asBoolean())
                .isTrue();
        assertThat(policy.path("collectors").path("software").path("interval").asString())
                .isEqualTo("1d");
        assertThat(policy.path("registry_keys").get(0).asString()).isEqualTo("HKLM\\SOFTWARE\\Agent7");

        Response second = send(
                "/api/v1/admin/policies/" + group,
                admin(),
                "application/json",
                null,
                "{\"collectors\": {\"process\": {\"interval\": \"3m\"}}}".getBytes(),
                "PUT");
        assertThat(second.body().path("version").asLong()).isEqualTo(2);
    }

    /** A machine enrolled again with a key of another group gets that group's policy at once. */
    @Test
    void aMachineEnrolledAgainWithAnotherGroupsKeyJoinsThatGroup() {
        String group = "re-" + UUID.randomUUID().toString().substring(0, 8);
        Response policyMade =
                send("/api/v1/admin/policies/" + group, admin(), "application/json", null, """
                {"collectors": {"process": {"interval": "10s"}}}
                """.getBytes(), "PUT");
        assertThat(policyMade.status()).as(policyMade.toString()).isEqualTo(200);
        Response key = post(
                "/api/v1/admin/site-keys",
                admin(),
                "application/json",
                "{\"name\":\"" + group + "\",\"group\":\"" + group + "\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);

        Agent first = enroll();
        assertThat(post("/api/v1/agents/checkin", first.accessToken(), "application/json", "{}")
                        .body()
                        .path("policy")
                        .path("group")
                        .asString())
                .isEqualTo("default");
        Awaitility.await()
                .untilAsserted(() ->
                        assertThat(documentsOf("agent7-host", first.hostId())).isEqualTo(1));

        Agent again = enroll(first.machineId(), key.body().path("site_key").asString());
        assertThat(again.hostId()).isEqualTo(first.hostId());
        JsonNode policy = post("/api/v1/agents/checkin", again.accessToken(), "application/json", "{}")
                .body()
                .path("policy");
        assertThat(policy.path("group").asString())
                .as("the group of the key it enrolled with")
                .isEqualTo(group);
        assertThat(policy.path("collectors").path("process").path("interval").asString())
                .isEqualTo("10s");
    }

    @Test
    void aForcedCollectionIsServedUntilTheAgentReportsItDone() {
        Agent agent = enroll();
        post("/api/v1/agents/checkin", agent.accessToken(), "application/json", "{}");
        Awaitility.await()
                .untilAsserted(() ->
                        assertThat(documentsOf("agent7-host", agent.hostId())).isEqualTo(1));

        Response bad = post(
                "/api/v1/admin/hosts/" + agent.hostId() + "/collect",
                admin(),
                "application/json",
                "{\"types\":[\"process\",\"gizmo\"]}");
        assertThat(bad.status()).isEqualTo(400);
        Response forced = post(
                "/api/v1/admin/hosts/" + agent.hostId() + "/collect",
                admin(),
                "application/json",
                "{\"types\":[\"process\",\"software\"]}");
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);

        JsonNode answer = post("/api/v1/agents/checkin", agent.accessToken(), "application/json", "{}")
                .body();
        assertThat(answer.path("forced").valueStream().map(JsonNode::asString)).containsExactly("process", "software");
        JsonNode after = post(
                        "/api/v1/agents/checkin",
                        agent.accessToken(),
                        "application/json",
                        "{\"forced_done\":[\"process\",\"software\"]}")
                .body();
        assertThat(after.path("forced")).isEmpty();
        assertThat(post(
                                "/api/v1/admin/hosts/" + "0".repeat(32) + "/collect",
                                admin(),
                                "application/json",
                                "{\"types\":[\"process\"]}")
                        .status())
                .isEqualTo(404);
    }
}
