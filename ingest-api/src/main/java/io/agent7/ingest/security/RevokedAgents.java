package io.agent7.ingest.security;

import io.agent7.ingest.enrollment.EnrollmentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The agents revoked recently enough that a token of theirs may still be unexpired, as a
 * set every instance keeps in memory and reloads every {@code agent7.tokens.revocation-refresh}
 * (15 s). So a revoked agent
 * is refused everywhere within that time (at once on the instance that revoked it), and at
 * the latest when its token expires even if Elasticsearch is unreachable: no lookup per
 * request.
 */
@Component
public class RevokedAgents implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RevokedAgents.class);

    private final EnrollmentStore store;
    private final AgentTokenProperties tokens;
    private final Clock clock;
    private volatile Set<String> revoked = Set.of();
    private final Set<String> revokedHere = ConcurrentHashMap.newKeySet();

    RevokedAgents(EnrollmentStore store, AgentTokenProperties tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    public boolean isRevoked(String agentId) {
        return revoked.contains(agentId) || revokedHere.contains(agentId);
    }

    /** Takes effect on this instance at once; others pick it up at their next reload. */
    public void revokedNow(String agentId) {
        revokedHere.add(agentId);
    }

    /** Reloads at start, then every {@code agent7.tokens.revocation-refresh}. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::reload, tokens.revocationRefresh());
    }

    public void reload() {
        try {
            // A token issued just before revocation lives at most one lifetime; keep a margin for clock skew.
            var since = clock.instant().minus(tokens.lifetime()).minus(Duration.ofMinutes(2));
            Set<String> fresh = Set.copyOf(store.revokedSince(since));
            revoked = fresh;
            revokedHere.removeIf(fresh::contains);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not reload revoked agents (keeping the previous list of {}): {}",
                    revoked.size(),
                    e.toString());
        }
    }
}
