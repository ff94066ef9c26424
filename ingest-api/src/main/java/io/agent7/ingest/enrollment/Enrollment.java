package io.agent7.ingest.enrollment;

import java.time.Instant;

/**
 * The credentials one agent holds for one host. Only the refresh credential's hash is kept.
 *
 * @param os facts the agent reported at enrollment; any of them may be null
 */
public record Enrollment(
        String agentId,
        String hostId,
        String hostName,
        String machineId,
        String siteKeyId,
        String group,
        String refreshTokenHash,
        Instant enrolledAt,
        boolean revoked,
        String agentVersion,
        HostOs os) {

    /** What the agent said about its operating system. */
    public record HostOs(String family, String name, String version, String kernel) {}
}
