package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * TCP and UDP sockets of both address families from /proc/net, each with the process that
 * holds it (matched by socket inode) and the account that owns it.
 */
public final class NetworkConnectionCollector implements Collector {

    private final Root root;

    private final DataType type;

    public NetworkConnectionCollector(Schema schema, Path root) {
        this.type = schema.require("network_connection");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<InetSocket> sockets = new ArrayList<>(InetSocket.read(root, "tcp"));
        sockets.addAll(InetSocket.read(root, "udp"));
        if (sockets.isEmpty()) {
            return List.of();
        }
        Set<String> listeningPorts = new HashSet<>();
        Set<Long> inodes = new HashSet<>();
        for (InetSocket socket : sockets) {
            if (socket.listening()) {
                listeningPorts.add(socket.transport() + socket.localPort());
            }
            if (socket.inode() != 0) {
                inodes.add(socket.inode());
            }
        }
        SocketOwners owners = SocketOwners.scan(root, inodes);
        Accounts accounts = Accounts.load(root);
        Map<Integer, String[]> processes = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<ObjectNode> documents = new ArrayList<>(sockets.size());
        for (InetSocket socket : sockets) {
            int pid = owners.owner(socket.inode());
            // A dual-stack duplicate (the same socket seen through both files) must not become two documents.
            String key = socket.transport()
                    + ' '
                    + socket.localIp()
                    + ' '
                    + socket.localPort()
                    + ' '
                    + socket.remoteIp()
                    + ' '
                    + socket.remotePort()
                    + ' '
                    + pid;
            if (seen.add(key)) {
                documents.add(document(socket, listeningPorts, pid, processes, accounts));
            }
        }
        return documents;
    }

    private ObjectNode document(
            InetSocket socket,
            Set<String> listeningPorts,
            int pid,
            Map<Integer, String[]> processes,
            Accounts accounts) {
        Doc doc = new Doc()
                .text("network.transport", socket.transport())
                .text("network.type", socket.networkType())
                .text("network.direction", direction(socket, listeningPorts))
                .text("source.ip", socket.localIp())
                .number("source.port", socket.localPort())
                .text("network_connection.state", socket.stateName());
        if (!socket.listening() && socket.remoteIp() != null) {
            doc.text("destination.ip", socket.remoteIp()).number("destination.port", socket.remotePort());
        }
        if (pid > 0) {
            String[] process = processes.computeIfAbsent(
                    pid, p -> new String[] {SocketOwners.name(root, p), SocketOwners.executable(root, p)});
            doc.number("process.pid", pid).text("process.name", process[0]).text("process.executable", process[1]);
        }
        if (socket.inode() != 0) {
            // A socket no process holds (TIME_WAIT) shows uid 0, which says nothing about its owner.
            doc.text("user.name", accounts.userName(socket.uid()));
        }
        return doc.build();
    }

    static String direction(InetSocket socket, Set<String> listeningPorts) {
        if (socket.listening()) {
            return "listening";
        }
        return listeningPorts.contains(socket.transport() + socket.localPort()) ? "inbound" : "outbound";
    }
}
