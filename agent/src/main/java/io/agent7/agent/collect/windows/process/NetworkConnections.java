package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import io.agent7.schema.Values;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code network_connection} documents from the IP Helper socket tables: TCP sockets with
 * their state, UDP endpoints as listening sockets, each with the process that owns it.
 *
 * <p>The states take the names the Linux collector gives the same TCP states, so one query
 * finds listening or half-closed sockets on both. UDP rows carry no state on Windows and get
 * none. A TIME_WAIT socket belongs to pid 0, which is no process: it gets no owner.
 */
public final class NetworkConnections {

    /** MIB_TCP_STATE values 1 to 12 (MIB_TCP_STATE_CLOSED ... MIB_TCP_STATE_DELETE_TCB). */
    private static final String[] TCP_STATES = {
        null,
        "close",
        "listen",
        "syn_sent",
        "syn_recv",
        "established",
        "fin_wait1",
        "fin_wait2",
        "close_wait",
        "closing",
        "last_ack",
        "time_wait",
        "delete_tcb"
    };

    static final int MIB_TCP_STATE_LISTEN = 2;

    private NetworkConnections() {}

    /** One document per socket; owners by pid (a pid missing from it gets only its pid). */
    public static List<ObjectNode> documents(ConnectionTables tables, Map<Integer, ProcessOwner> owners) {
        List<Socket> sockets = sockets(tables);
        Set<Integer> listeningTcpPorts = new HashSet<>();
        for (Socket socket : sockets) {
            if (socket.tcp() && socket.state() == MIB_TCP_STATE_LISTEN) {
                listeningTcpPorts.add(socket.localPort());
            }
        }
        Set<String> seen = new HashSet<>();
        List<ObjectNode> documents = new ArrayList<>(sockets.size());
        for (Socket socket : sockets) {
            if (seen.add(socket.identity())) {
                documents.add(document(socket, listeningTcpPorts, owners.get(socket.pid())));
            }
        }
        return documents;
    }

    private static ObjectNode document(Socket socket, Set<Integer> listeningTcpPorts, ProcessOwner owner) {
        boolean listening = socket.listening();
        Doc doc = new Doc()
                .text("network.transport", socket.tcp() ? "tcp" : "udp")
                .text("network.type", socket.local().length == 16 && !ipv4Mapped(socket.local()) ? "ipv6" : "ipv4")
                .text("network.direction", direction(socket, listeningTcpPorts))
                .text("source.ip", ip(socket.local()))
                .number("source.port", socket.localPort());
        if (!listening && socket.remote() != null) {
            doc.text("destination.ip", ip(socket.remote())).number("destination.port", socket.remotePort());
        }
        if (socket.tcp()) {
            doc.text("network_connection.state", stateName(socket.state()));
        }
        if (socket.pid() > 0) {
            doc.number("process.pid", socket.pid());
            if (owner != null) {
                doc.text("process.name", owner.name())
                        .text("process.executable", owner.executable())
                        .text("user.name", owner.userName());
            }
        }
        return doc.build();
    }

    private static String direction(Socket socket, Set<Integer> listeningTcpPorts) {
        if (socket.listening()) {
            return "listening";
        }
        return listeningTcpPorts.contains(socket.localPort()) ? "inbound" : "outbound";
    }

    /** The lower-case name of a MIB_TCP_STATE value, or null for one the API does not define. */
    static String stateName(int state) {
        return state > 0 && state < TCP_STATES.length ? TCP_STATES[state] : null;
    }

    /** A port the API gives in network byte order in the low 16 bits of a DWORD. */
    static int port(int dwPort) {
        return (dwPort & 0xff) << 8 | (dwPort >>> 8) & 0xff;
    }

    /** The four bytes of an IPv4 DWORD the API gives in network order, as read little-endian. */
    static byte[] ipv4(int dwAddr) {
        return new byte[] {(byte) dwAddr, (byte) (dwAddr >>> 8), (byte) (dwAddr >>> 16), (byte) (dwAddr >>> 24)};
    }

    static String ip(byte[] address) {
        try {
            // getByAddress never resolves a name; canonicalIp gives the stored form (RFC 5952, mapped as IPv4).
            return Values.canonicalIp(InetAddress.getByAddress(address).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length, e);
        }
    }

    private static boolean ipv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static List<Socket> sockets(ConnectionTables tables) {
        List<Socket> sockets = new ArrayList<>();
        for (TcpRow row : tables.tcp()) {
            sockets.add(new Socket(
                    true,
                    ipv4(row.localAddr()),
                    port(row.localPort()),
                    ipv4(row.remoteAddr()),
                    port(row.remotePort()),
                    row.state(),
                    row.owningPid()));
        }
        for (Tcp6Row row : tables.tcp6()) {
            sockets.add(new Socket(
                    true,
                    row.localAddr(),
                    port(row.localPort()),
                    row.remoteAddr(),
                    port(row.remotePort()),
                    row.state(),
                    row.owningPid()));
        }
        for (UdpRow row : tables.udp()) {
            sockets.add(new Socket(false, ipv4(row.localAddr()), port(row.localPort()), null, 0, 0, row.owningPid()));
        }
        for (Udp6Row row : tables.udp6()) {
            sockets.add(new Socket(false, row.localAddr(), port(row.localPort()), null, 0, 0, row.owningPid()));
        }
        return sockets;
    }

    /** A row of any of the four tables, its port decoded; UDP rows have no remote side. */
    private record Socket(boolean tcp, byte[] local, int localPort, byte[] remote, int remotePort, int state, int pid) {

        boolean listening() {
            return !tcp || state == MIB_TCP_STATE_LISTEN;
        }

        /** The document's identity fields: two rows with the same ones are one item. */
        String identity() {
            return (tcp ? "tcp " : "udp ")
                    + ip(local)
                    + ' '
                    + localPort
                    + ' '
                    + (listening() || remote == null ? "" : ip(remote) + ' ' + remotePort)
                    + ' '
                    + pid;
        }
    }
}
