package io.agent7.ingest.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where enrollments and site keys live. Writes are visible to the next read on return. */
public interface EnrollmentStore {

    Optional<SiteKey> siteKey(String id);

    /** Creates the key unless one with this id exists; answers whether it created it. */
    boolean createSiteKey(SiteKey key);

    Optional<Enrollment> enrollment(String agentId);

    /** Enrollments of a machine that are not revoked. */
    List<Enrollment> activeEnrollmentsOfMachine(String machineId);

    void save(Enrollment enrollment);

    void revoke(String agentId, Instant at, String reason);

    /** Agent ids revoked at or after {@code since}. */
    List<String> revokedSince(Instant since);

    List<SiteKey> siteKeys();

    /** Marks the site key revoked; answers false when there is no such key. */
    boolean revokeSiteKey(String id, Instant at);

    /** Moves the host's enrollments to another group. */
    void setGroup(String hostId, String group);
}
