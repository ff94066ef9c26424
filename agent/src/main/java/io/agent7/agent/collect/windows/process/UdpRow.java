package io.agent7.agent.collect.windows.process;

/**
 * One row of {@code GetExtendedUdpTable(AF_INET, UDP_TABLE_OWNER_PID)}: a
 * {@code MIB_UDPROW_OWNER_PID}. UDP endpoints have no remote side and no state; address and
 * port are encoded as in {@link TcpRow}.
 */
public record UdpRow(int localAddr, int localPort, int owningPid) {}
