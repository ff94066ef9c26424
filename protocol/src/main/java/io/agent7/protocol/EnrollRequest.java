package io.agent7.protocol;

/**
 * {@code POST /api/v1/agents/enroll}: a site key and the facts that identify the host.
 * Every part may be missing on the wire; the ingest API names what is.
 */
public record EnrollRequest(String siteKey, String agentVersion, Host host) implements ProtocolMessage {

    /** @param machineId the OS's own stable id ({@code /etc/machine-id}, a MachineGuid): the host id derives from it */
    public record Host(String machineId, String name, Os os) {}

    public record Os(String family, String name, String version, String kernel) {}
}
