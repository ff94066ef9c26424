package io.agent7.protocol;

import java.util.List;

/**
 * {@code POST /api/v1/agents/checkin}: what an agent reports about itself and its host.
 * Every part is optional; lists are never null (missing reads as empty).
 *
 * @param policyVersion   the version of the policy the agent runs, null before its first one
 * @param forcedDone      collections an admin asked for that the agent ran since its last check-in
 * @param collectorErrors what failed since its last check-in
 */
public record CheckinReport(
        String agentVersion,
        Long policyVersion,
        Host host,
        Spool spool,
        List<String> forcedDone,
        List<CollectorError> collectorErrors)
        implements ProtocolMessage {

    public CheckinReport {
        forcedDone = forcedDone == null ? List.of() : List.copyOf(forcedDone);
        collectorErrors = collectorErrors == null ? List.of() : List.copyOf(collectorErrors);
    }

    /** @param uptime seconds since boot */
    public record Host(
            String hostname,
            String domain,
            List<String> ips,
            List<String> macs,
            String architecture,
            Long uptime,
            String bootId,
            Os os) {

        /** Only a name: what a host that knows nothing else reports. */
        public static Host named(String hostname) {
            return new Host(hostname, null, null, null, null, null, null, null);
        }
    }

    public record Os(
            String family, String name, String full, String version, String kernel, String platform, String type) {}

    /** The agent's disk spool: bytes waiting, and batches dropped because it was full. */
    public record Spool(long bytes, long droppedBatches) {}
}
