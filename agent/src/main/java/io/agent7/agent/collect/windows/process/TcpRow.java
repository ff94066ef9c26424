package io.agent7.agent.collect.windows.process;

/**
 * One row of {@code GetExtendedTcpTable(AF_INET, TCP_TABLE_OWNER_PID_ALL)}: a
 * {@code MIB_TCPROW_OWNER_PID} as the API fills it.
 *
 * @param state      a {@code MIB_TCP_STATE} value (1 closed ... 12 delete_tcb)
 * @param localAddr  the IPv4 address as the DWORD reads on a little-endian machine: its bytes
 *                   are in network order in memory, so the first octet is the low byte
 * @param localPort  the port in network byte order in the low 16 bits; the upper bits are undefined
 * @param owningPid  0 for a socket no process holds any more (TIME_WAIT)
 */
public record TcpRow(int state, int localAddr, int localPort, int remoteAddr, int remotePort, int owningPid) {}
