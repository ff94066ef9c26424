package io.agent7.agent.collect.windows.process;

/** One row of {@code GetExtendedUdpTable(AF_INET6, UDP_TABLE_OWNER_PID)}: a {@code MIB_UDP6ROW_OWNER_PID}. */
public record Udp6Row(byte[] localAddr, int localScopeId, int localPort, int owningPid) {}
