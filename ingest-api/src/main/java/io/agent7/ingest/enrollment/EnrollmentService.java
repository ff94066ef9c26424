package io.agent7.ingest.enrollment;

import io.agent7.ingest.security.AgentTokens;
import io.agent7.ingest.security.RevokedAgents;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Enrollment and token refresh. Re-enrolling a machine revokes the credentials it had, so
 * a leaked site key cannot be used to take over the old agent's identity unnoticed: the old
 * agent's refresh fails and shows up.
 */
@Service
public class EnrollmentService {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);

    private final EnrollmentStore store;
    private final AgentTokens tokens;
    private final Clock clock;
    private final RevokedAgents revoked;
    private final ApplicationEventPublisher events;

    EnrollmentService(
            EnrollmentStore store,
            AgentTokens tokens,
            Clock clock,
            RevokedAgents revoked,
            ApplicationEventPublisher events) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.revoked = revoked;
        this.events = events;
    }

    /** What an agent gets back: its identity and both credentials. */
    public record Credentials(
            String agentId, String hostId, String accessToken, Instant expiresAt, String refreshToken) {}

    /** Enrolls, or answers empty when the site key is unknown or revoked. */
    public Optional<Credentials> enroll(
            String siteKey, String machineId, String hostName, String agentVersion, Enrollment.HostOs os) {
        Optional<SiteKey> key = store.siteKey(Secrets.hash(siteKey)).filter(k -> !k.revoked());
        if (key.isEmpty()) {
            log.warn("Enrollment refused for machine {} ({}): unknown or revoked site key", machineId, hostName);
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (Enrollment previous : store.activeEnrollmentsOfMachine(machineId)) {
            store.revoke(previous.agentId(), now, "re-enrolled");
            revoked.revokedNow(previous.agentId());
            log.info("Revoked agent {} of machine {}: the machine enrolled again", previous.agentId(), machineId);
        }
        String agentId = UUID.randomUUID().toString();
        String hostId = Secrets.hostIdOf(machineId);
        String refreshToken = Secrets.random("rt_", 32);
        store.save(new Enrollment(
                agentId,
                hostId,
                hostName,
                machineId,
                key.get().id(),
                key.get().group(),
                Secrets.hash(refreshToken),
                now,
                false,
                agentVersion,
                os));
        // The host joins the key's group now, not when a cached host state runs out.
        events.publishEvent(new AgentEnrolled(agentId, hostId, key.get().group()));
        AgentTokens.Issued access = tokens.issue(agentId, hostId, hostName);
        log.info(
                "Enrolled agent {} for host {} ({}) with site key '{}'",
                agentId,
                hostId,
                hostName,
                key.get().name());
        return Optional.of(new Credentials(agentId, hostId, access.token(), access.expiresAt(), refreshToken));
    }

    /** A fresh access token, or empty when the agent is unknown, revoked, or the credential is wrong. */
    public Optional<AgentTokens.Issued> refresh(String agentId, String refreshToken) {
        Optional<Enrollment> enrollment = store.enrollment(agentId)
                .filter(e -> !e.revoked())
                .filter(e -> Secrets.matches(refreshToken, e.refreshTokenHash()));
        if (enrollment.isEmpty()) {
            log.warn("Token refresh refused for agent {}", agentId);
            return Optional.empty();
        }
        Enrollment e = enrollment.get();
        return Optional.of(tokens.issue(e.agentId(), e.hostId(), e.hostName()));
    }

    /** A new site key: the stored record and the secret, which is shown once. */
    public record NewSiteKey(SiteKey key, String secret) {
        public String id() {
            return key.id();
        }
    }

    public NewSiteKey createSiteKey(String name, String group) {
        String secret = Secrets.random("sk_", 24);
        SiteKey key = new SiteKey(Secrets.hash(secret), name, group, clock.instant(), false);
        store.createSiteKey(key);
        log.info("Created site key '{}' for group '{}'", name, group);
        return new NewSiteKey(key, secret);
    }

    public java.util.List<SiteKey> siteKeys() {
        return store.siteKeys();
    }

    public boolean revokeSiteKey(String id) {
        return store.revokeSiteKey(id, clock.instant());
    }

    /** Revokes an agent's credentials; answers false when there is no such agent. */
    public boolean revokeAgent(String agentId, String reason) {
        if (store.enrollment(agentId).isEmpty()) {
            return false;
        }
        store.revoke(agentId, clock.instant(), reason);
        revoked.revokedNow(agentId);
        return true;
    }

    public void moveHost(String hostId, String group) {
        store.setGroup(hostId, group);
    }

    /** Makes sure a site key exists, e.g. the one {@code ./agent7 up} generated. */
    public void ensureSiteKey(String siteKey, String name, String group) {
        if (siteKey.length() < 16) {
            throw new IllegalArgumentException("A site key must be at least 16 characters long");
        }
        String id = Secrets.hash(siteKey);
        if (store.createSiteKey(new SiteKey(id, name, group, clock.instant(), false))) {
            log.info("Created site key '{}' for group '{}'", name, group);
        }
    }
}
