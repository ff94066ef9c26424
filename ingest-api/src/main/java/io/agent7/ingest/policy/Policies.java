package io.agent7.ingest.policy;

import io.agent7.protocol.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Policies by host group. Reads are cached for {@link #CACHE_TTL}: an agent sees a change at
 * its first check-in after that, which at default intervals is within a minute and a half,
 * while thousands of check-ins a minute cost no lookups.
 */
@Service
public class Policies {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final PolicyStore store;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Policy policy, Instant until) {}

    Policies(PolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Policy forGroup(String group) {
        Instant now = clock.instant();
        Cached cached = cache.get(group);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.policy();
        }
        Policy policy = load(group);
        cache.put(group, new Cached(policy, now.plus(CACHE_TTL)));
        return policy;
    }

    private Policy load(String group) {
        Optional<PolicyStore.Stored> stored = store.find(group);
        return stored.map(s -> PolicySpec.parse(group, s.version(), s.spec()))
                .orElseGet(() -> PolicySpec.defaults(group));
    }

    /**
     * Validates and stores a new policy for the group; answers it with its new version.
     *
     * @throws InvalidPolicyException naming every setting that is wrong
     * @throws PolicyConflictException when someone else changed the policy meanwhile
     */
    public Policy update(String group, JsonNode spec, String user) {
        Optional<PolicyStore.Stored> previous = store.find(group);
        long version = previous.map(PolicyStore.Stored::version).orElse(0L) + 1;
        Policy policy = PolicySpec.parse(group, version, spec);
        if (!store.save(group, version, clock.instant(), user, PolicySpec.specOf(policy), previous.orElse(null))) {
            throw new PolicyConflictException(group);
        }
        cache.remove(group);
        return policy;
    }

    /** Every group with a stored policy. */
    public List<Policy> all() {
        List<Policy> policies = new ArrayList<>();
        for (PolicyStore.Stored s : store.all()) {
            policies.add(PolicySpec.parse(s.group(), s.version(), s.spec()));
        }
        return policies;
    }
}
