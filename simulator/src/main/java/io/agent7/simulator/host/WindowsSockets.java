package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.process.ConnectionTables;
import io.agent7.agent.collect.windows.process.NetworkConnections;
import io.agent7.agent.collect.windows.process.ProcessOwner;
import io.agent7.agent.collect.windows.process.Tcp6Row;
import io.agent7.agent.collect.windows.process.TcpRow;
import io.agent7.agent.collect.windows.process.Udp6Row;
import io.agent7.agent.collect.windows.process.UdpRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Windows host's {@code network_connection} documents as the agent makes them: its sockets
 * written as the rows GetExtendedTcpTable and GetExtendedUdpTable return (IPv4 addresses and
 * ports in network byte order in little-endian DWORDs), then mapped by the agent's own
 * {@link NetworkConnections}. The simulator adds only what the server would: the remote
 * side's name and place.
 */
final class WindowsSockets {

    private static final int MIB_TCP_STATE_LISTEN = 2;

    private static final int MIB_TCP_STATE_ESTAB = 5;

    private WindowsSockets() {}

    static List<ObjectNode> build(HostState h, Map<Integer, Proc> byPid, Enricher enricher) {
        List<TcpRow> tcp = new ArrayList<>();
        List<Tcp6Row> tcp6 = new ArrayList<>();
        List<UdpRow> udp = new ArrayList<>();
        List<Udp6Row> udp6 = new ArrayList<>();
        Listeners.forEach(h, socket -> {
            int port = port(socket.port());
            if (Listeners.ipv6(socket.bind())) {
                byte[] address = ipv6(socket.bind());
                if (socket.tcp()) {
                    tcp6.add(new Tcp6Row(address, 0, port, new byte[16], 0, 0, MIB_TCP_STATE_LISTEN, socket.pid()));
                } else {
                    udp6.add(new Udp6Row(address, 0, port, socket.pid()));
                }
            } else {
                int address = ipv4(ipv4Of(h, socket.bind()));
                if (socket.tcp()) {
                    tcp.add(new TcpRow(MIB_TCP_STATE_LISTEN, address, port, 0, 0, socket.pid()));
                } else {
                    udp.add(new UdpRow(address, port, socket.pid()));
                }
            }
        });
        Map<String, Conn> byEndpoints = new HashMap<>();
        for (Conn c : h.connections) {
            tcp.add(new TcpRow(
                    MIB_TCP_STATE_ESTAB,
                    ipv4(c.localIp()),
                    port(c.localPort()),
                    ipv4(c.remoteIp()),
                    port(c.remotePort()),
                    c.pid()));
            byEndpoints.put(key(Org.ipText(c.localIp()), c.localPort(), Org.ipText(c.remoteIp()), c.remotePort()), c);
        }
        List<ObjectNode> docs =
                NetworkConnections.documents(new ConnectionTables(tcp, tcp6, udp, udp6), owners(h, byPid));
        for (ObjectNode doc : docs) {
            if (doc.has("destination")) {
                ObjectNode destination = (ObjectNode) doc.get("destination");
                Conn c = byEndpoints.get(key(
                        doc.path("source").path("ip").asString(),
                        doc.path("source").path("port").asInt(),
                        destination.path("ip").asString(),
                        destination.path("port").asInt()));
                if (c != null) {
                    enricher.remote(destination, c);
                }
            }
        }
        return docs;
    }

    /** The remote side's name and place, as the server adds them. */
    @FunctionalInterface
    interface Enricher {
        void remote(ObjectNode destination, Conn c);
    }

    private static Map<Integer, ProcessOwner> owners(HostState h, Map<Integer, Proc> byPid) {
        Map<Integer, ProcessOwner> owners = new HashMap<>(byPid.size() * 2);
        for (Proc proc : byPid.values()) {
            Program program = h.programs.get(proc.program());
            String executable = program.hasImage()
                    ? ProcessVars.expand(program.path(), ProcessVars.of(h, proc, program, false))
                    : null;
            owners.put(
                    proc.pid(),
                    new ProcessOwner(
                            ProcessDocs.name(h, proc),
                            executable,
                            h.principal(proc.user()).qualified()));
        }
        return owners;
    }

    private static String key(String localIp, int localPort, String remoteIp, int remotePort) {
        return localIp + ':' + localPort + '>' + remoteIp + ':' + remotePort;
    }

    private static int ipv4Of(HostState h, int bind) {
        return switch (bind) {
            case Listen.ANY4 -> 0;
            case Listen.HOST -> h.profile.ip;
            case Listen.LOOP4 -> Org.ip(127, 0, 0, 1);
            case Listen.RESOLVER -> Org.ip(127, 0, 0, 53);
            default -> throw new IllegalArgumentException("Not an IPv4 bind: " + bind);
        };
    }

    private static byte[] ipv6(int bind) {
        byte[] address = new byte[16];
        if (bind == Listen.LOOP6) {
            address[15] = 1;
        }
        return address;
    }

    /** An IPv4 address (first octet in the high byte) as the API's DWORD reads on x64. */
    static int ipv4(int ip) {
        return Integer.reverseBytes(ip);
    }

    /** A port as the API's DWORD: network byte order in the low 16 bits. */
    static int port(int port) {
        return (port & 0xff) << 8 | (port >>> 8) & 0xff;
    }
}
