package io.agent7.agent.collect.windows.process;

/**
 * One row of {@code GetExtendedTcpTable(AF_INET6, TCP_TABLE_OWNER_PID_ALL)}: a
 * {@code MIB_TCP6ROW_OWNER_PID} as the API fills it. Addresses are the 16 bytes in network
 * order; ports as in {@link TcpRow}.
 */
public record Tcp6Row(
        byte[] localAddr,
        int localScopeId,
        int localPort,
        byte[] remoteAddr,
        int remoteScopeId,
        int remotePort,
        int state,
        int owningPid) {}
