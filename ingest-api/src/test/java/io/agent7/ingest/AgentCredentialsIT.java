package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.agent7.testkit.TestElasticsearch;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Enrollment, tokens, refresh, revocation and re-enrollment, against forged and stale credentials. */
class AgentCredentialsIT extends IngestApiIT {

    static final String CHECKIN = "/api/v1/agents/checkin";

    Response checkin(String token) {
        return post(CHECKIN, token, "application/json", "{\"agent_version\":\"it\"}");
    }

    @Test
    void enrollmentRefusesAWrongSiteKeyAndNamesMissingFields() {
        Response wrongKey = post(
                "/api/v1/agents/enroll",
                null,
                "application/json",
                "{\"site_key\":\"sk_nope_nope_nope_nope\",\"host\":{\"machine_id\":\"m\",\"name\":\"n\"}}");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body().path("detail").asString()).isEqualTo("The site key is not valid");

        Response incomplete = post("/api/v1/agents/enroll", null, "application/json", "{\"site_key\":\"\"}");
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete
                        .body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly("site_key", "host");

        Response malformed = post(
                "/api/v1/agents/enroll",
                null,
                "application/json",
                "{\"site_key\":7,\"host\":{\"machine_id\":\"m\",\"name\":[\"n\"]}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed
                        .body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString() + " "
                                + e.path("reason").asString()))
                .containsExactly("site_key must be a string", "host.name must be a string");
    }

    @Test
    void enrollmentHandsOutThePublicCommandKeyToPin() {
        Response r = post(
                "/api/v1/agents/enroll",
                null,
                "application/json",
                "{\"site_key\":\"" + SITE_KEY + "\",\"host\":{\"machine_id\":\"it-" + UUID.randomUUID()
                        + "\",\"name\":\"it-host\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String pem = r.body().path("command_key").asString();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(io.agent7.protocol.CommandSignature.decodePublicKey(pem)).isEqualTo(COMMAND_KEYS.getPublic());
    }

    @Test
    void enrolledAgentChecksInAndRefreshesItsToken() {
        Agent agent = enroll();
        assertThat(agent.hostId()).matches("[0-9a-f]{32}");
        Response checkin = checkin(agent.accessToken());
        assertThat(checkin.status()).as(checkin.toString()).isEqualTo(200);
        assertThat(checkin.body()
                        .path("policy")
                        .path("collectors")
                        .path("process")
                        .path("interval")
                        .asString())
                .isEqualTo("5m");

        Response refreshed = post(
                "/api/v1/agents/token",
                null,
                "application/json",
                "{\"agent_id\":\"" + agent.agentId() + "\",\"refresh_token\":\"" + agent.refreshToken() + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(checkin(refreshed.body().path("access_token").asString()).status())
                .isEqualTo(200);

        Response wrong = post(
                "/api/v1/agents/token",
                null,
                "application/json",
                "{\"agent_id\":\"" + agent.agentId() + "\",\"refresh_token\":\"rt_guess\"}");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void jwksPublishesOnlyPublicKeys() throws Exception {
        Response jwks = send("/.well-known/jwks.json", null, null, null, null, "GET");
        assertThat(jwks.status()).isEqualTo(200);
        JWKSet set = JWKSet.parse(jwks.body().toString());
        assertThat(set.getKeys()).isNotEmpty().allSatisfy(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyID()).isNotBlank();
        });
    }

    @Test
    void forgedExpiredUnsignedAndForeignTokensAreRefused() throws Exception {
        Agent agent = enroll();
        ECKey real = ECKey.parse(JWKSet.load(STATE.resolve("signing-keys.json").toFile())
                .getKeys()
                .get(0)
                .toJSONObject());
        Instant now = Instant.now();

        String expired = sign(
                real, claims(agent, now.minusSeconds(3600), now.minusSeconds(600), "agent7-ingest", "agent7-agent"));
        String wrongIssuer = sign(real, claims(agent, now, now.plusSeconds(600), "someone-else", "agent7-agent"));
        String wrongAudience = sign(real, claims(agent, now, now.plusSeconds(600), "agent7-ingest", "another-service"));
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(real.getKeyID()).generate();
        String wrongKey = sign(stranger, claims(agent, now, now.plusSeconds(600), "agent7-ingest", "agent7-agent"));
        String unsigned =
                new PlainJWT(claims(agent, now, now.plusSeconds(600), "agent7-ingest", "agent7-agent")).serialize();
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(real.getKeyID()).build(),
                claims(agent, now, now.plusSeconds(600), "agent7-ingest", "agent7-agent"));
        hmac.sign(new MACSigner(real.toPublicJWK().toJSONString().repeat(2).getBytes()));
        String[] parts = agent.accessToken().split("\\.");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                                .replace(agent.hostId(), "ffffffffffffffffffffffffffffffff")
                                .getBytes())
                + "." + parts[2];

        for (String token : new String[] {
            expired, wrongIssuer, wrongAudience, wrongKey, unsigned, hmac.serialize(), tampered, "x.y.z"
        }) {
            Response r = checkin(token);
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(checkin(null).status()).isEqualTo(401);
        // The real key still works, so the refusals above are about the tokens, not the test.
        assertThat(checkin(sign(real, claims(agent, now, now.plusSeconds(600), "agent7-ingest", "agent7-agent")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDocumentOfAnotherHostIsRefusedAndAudited() {
        Agent agent = enroll();
        Agent other = enroll();
        Response r = ingest(
                agent,
                "process",
                header("b", "diff", yesterday("12:00:00")) + "{\"upsert\":{\"host\":{\"id\":\"" + other.hostId()
                        + "\"},\"process\":{\"pid\":1,\"start\":0}}}\n");
        assertThat(r.status()).isEqualTo(403);
        assertThat(documentsOf("agent7-process", other.hostId())).isZero();
        assertThat(documentsOf("agent7-process", agent.hostId())).isZero();
        Awaitility.await()
                .untilAsserted(() -> assertThat(TestElasticsearch.count(
                                "agent7-audit",
                                "{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"ingest.other_host\"}},"
                                        + "{\"term\":{\"audit.target\":\"" + agent.hostId() + "\"}}]}}"))
                        .isEqualTo(1));
    }

    @Test
    void enrollingAgainRevokesTheOldCredentialsAndKeepsTheHostId() {
        Agent first = enroll();
        Agent second = enroll(first.machineId());
        assertThat(second.hostId()).isEqualTo(first.hostId());
        assertThat(second.agentId()).isNotEqualTo(first.agentId());

        assertThat(checkin(first.accessToken()).status()).isEqualTo(401);
        assertThat(post(
                                "/api/v1/agents/token",
                                null,
                                "application/json",
                                "{\"agent_id\":\"" + first.agentId() + "\",\"refresh_token\":\"" + first.refreshToken()
                                        + "\"}")
                        .status())
                .isEqualTo(401);
        assertThat(checkin(second.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anAdminRevocationRefusesTheAgentsTokenAndRefresh() {
        Agent agent = enroll();
        assertThat(checkin(agent.accessToken()).status()).isEqualTo(200);
        Response revoked =
                post("/api/v1/admin/agents/" + agent.agentId() + "/revoke", admin(), "application/json", "{}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(checkin(agent.accessToken()).status()).isEqualTo(401);
        assertThat(post(
                                "/api/v1/agents/token",
                                null,
                                "application/json",
                                "{\"agent_id\":\"" + agent.agentId() + "\",\"refresh_token\":\"" + agent.refreshToken()
                                        + "\"}")
                        .status())
                .isEqualTo(401);
        assertThat(post("/api/v1/admin/agents/" + UUID.randomUUID() + "/revoke", admin(), "application/json", "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRevokedSiteKeyEnrollsNoMore() {
        Response created = post(
                "/api/v1/admin/site-keys", admin(), "application/json", "{\"name\":\"branch-7\",\"group\":\"branch\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().path("site_key").asString();
        String enroll = "{\"site_key\":\"" + key + "\",\"host\":{\"machine_id\":\"it-" + UUID.randomUUID()
                + "\",\"name\":\"b\"}}";
        assertThat(post("/api/v1/agents/enroll", null, "application/json", enroll)
                        .status())
                .isEqualTo(201);

        Response listed = send("/api/v1/admin/site-keys", admin(), null, null, null, "GET");
        assertThat(listed.body().valueStream().map(k -> k.path("name").asString()))
                .contains("branch-7", "default");
        assertThat(listed.body().toString()).doesNotContain(key);

        assertThat(post(
                                "/api/v1/admin/site-keys/"
                                        + created.body().path("id").asString() + "/revoke",
                                admin(),
                                "application/json",
                                "{}")
                        .status())
                .isEqualTo(200);
        assertThat(post("/api/v1/agents/enroll", null, "application/json", enroll)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theAdminApiWantsAnAdmin() {
        assertThat(send("/api/v1/admin/site-keys", null, null, null, null, "GET")
                        .status())
                .isEqualTo(401);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:wrong-password".getBytes());
        assertThat(send("/api/v1/admin/site-keys", wrong, null, null, null, "GET")
                        .status())
                .isEqualTo(401);
        Agent agent = enroll();
        assertThat(send("/api/v1/admin/site-keys", agent.accessToken(), null, null, null, "GET")
                        .status())
                .isEqualTo(401);
    }

    private static JWTClaimsSet claims(Agent agent, Instant issued, Instant expires, String issuer, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(agent.agentId())
                .claim("host_id", agent.hostId())
                .claim("host_name", "it-host")
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
