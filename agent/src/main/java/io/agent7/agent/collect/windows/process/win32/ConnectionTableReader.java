package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.process.ConnectionTables;
import io.agent7.agent.collect.windows.process.Tcp6Row;
import io.agent7.agent.collect.windows.process.TcpRow;
import io.agent7.agent.collect.windows.process.Udp6Row;
import io.agent7.agent.collect.windows.process.UdpRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP and UDP tables of both address families with owning pids, through
 * {@code GetExtendedTcpTable} and {@code GetExtendedUdpTable} (iphlpapi.dll, Vista and later).
 */
public final class ConnectionTableReader {

    static final int AF_INET = 2;

    static final int AF_INET6 = 23;

    /** TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL: listening and connected sockets, with pids. */
    static final int TCP_TABLE_OWNER_PID_ALL = 5;

    /** UDP_TABLE_CLASS.UDP_TABLE_OWNER_PID. */
    static final int UDP_TABLE_OWNER_PID = 1;

    /** Sockets come and go between the sizing call and the filling one; a few retries absorb that. */
    private static final int ATTEMPTS = 8;

    private ConnectionTableReader() {}

    public static ConnectionTables read() {
        return new ConnectionTables(tcp(), tcp6(), udp(), udp6());
    }

    private static List<TcpRow> tcp() {
        Memory buffer = fill((b, size) ->
                IpHelper.Holder.INSTANCE.GetExtendedTcpTable(b, size, false, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0));
        int rowSize = new IpHelper.MIB_TCPROW_OWNER_PID().size();
        int count = buffer.getInt(0);
        List<TcpRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var r = new IpHelper.MIB_TCPROW_OWNER_PID(buffer.share(IpHelper.ROWS_OFFSET + (long) i * rowSize));
            rows.add(
                    new TcpRow(r.dwState, r.dwLocalAddr, r.dwLocalPort, r.dwRemoteAddr, r.dwRemotePort, r.dwOwningPid));
        }
        return rows;
    }

    private static List<Tcp6Row> tcp6() {
        Memory buffer = fill((b, size) ->
                IpHelper.Holder.INSTANCE.GetExtendedTcpTable(b, size, false, AF_INET6, TCP_TABLE_OWNER_PID_ALL, 0));
        int rowSize = new IpHelper.MIB_TCP6ROW_OWNER_PID().size();
        int count = buffer.getInt(0);
        List<Tcp6Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var r = new IpHelper.MIB_TCP6ROW_OWNER_PID(buffer.share(IpHelper.ROWS_OFFSET + (long) i * rowSize));
            rows.add(new Tcp6Row(
                    r.ucLocalAddr.clone(),
                    r.dwLocalScopeId,
                    r.dwLocalPort,
                    r.ucRemoteAddr.clone(),
                    r.dwRemoteScopeId,
                    r.dwRemotePort,
                    r.dwState,
                    r.dwOwningPid));
        }
        return rows;
    }

    private static List<UdpRow> udp() {
        Memory buffer = fill((b, size) ->
                IpHelper.Holder.INSTANCE.GetExtendedUdpTable(b, size, false, AF_INET, UDP_TABLE_OWNER_PID, 0));
        int rowSize = new IpHelper.MIB_UDPROW_OWNER_PID().size();
        int count = buffer.getInt(0);
        List<UdpRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var r = new IpHelper.MIB_UDPROW_OWNER_PID(buffer.share(IpHelper.ROWS_OFFSET + (long) i * rowSize));
            rows.add(new UdpRow(r.dwLocalAddr, r.dwLocalPort, r.dwOwningPid));
        }
        return rows;
    }

    private static List<Udp6Row> udp6() {
        Memory buffer = fill((b, size) ->
                IpHelper.Holder.INSTANCE.GetExtendedUdpTable(b, size, false, AF_INET6, UDP_TABLE_OWNER_PID, 0));
        int rowSize = new IpHelper.MIB_UDP6ROW_OWNER_PID().size();
        int count = buffer.getInt(0);
        List<Udp6Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var r = new IpHelper.MIB_UDP6ROW_OWNER_PID(buffer.share(IpHelper.ROWS_OFFSET + (long) i * rowSize));
            rows.add(new Udp6Row(r.ucLocalAddr.clone(), r.dwLocalScopeId, r.dwLocalPort, r.dwOwningPid));
        }
        return rows;
    }

    /**
     * Calls {@code call} until the table fits: ERROR_INSUFFICIENT_BUFFER sets {@code size} to
     * what the table needs now, which a socket opened since may already have outgrown.
     */
    private static Memory fill(TableCall call) {
        IntByReference size = new IntByReference(16 * 1024);
        for (int attempt = 1; ; attempt++) {
            Memory buffer = new Memory(Math.max(size.getValue(), 4));
            int rc = call.fill(buffer, size);
            if (rc == WinError.NO_ERROR) {
                return buffer;
            }
            if (rc != WinError.ERROR_INSUFFICIENT_BUFFER || attempt == ATTEMPTS) {
                throw new Win32Exception(rc);
            }
        }
    }

    @FunctionalInterface
    private interface TableCall {
        int fill(Memory buffer, IntByReference size);
    }
}
