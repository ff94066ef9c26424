package io.agent7.ingest.hosts;

import java.util.List;

/** What an agent reports at check-in; every part is optional. See docs/AGENT-PROTOCOL.md. */
record CheckinRequest(
        String agentVersion,
        Long policyVersion,
        Host host,
        Spool spool,
        List<String> forcedDone,
        List<String> collectorErrors) {

    record Host(
            String name,
            String hostname,
            String domain,
            List<String> ips,
            List<String> macs,
            String architecture,
            Long uptime,
            String bootId,
            Os os) {}

    record Os(String family, String name, String full, String version, String kernel, String platform, String type) {}

    /** The agent's disk spool: bytes waiting, and batches dropped because it was full. */
    record Spool(Long bytes, Long droppedBatches) {}
}
