package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inbound SSH and SMB sessions: established TCP connections to local port 22, 445 or 139,
 * with the server process that handles each and, for SSH, the account logged on (sshd
 * names its session processes {@code sshd: user@pts/0}).
 */
public final class NetSessionCollector implements Collector {

    private static final Map<Integer, String> PROTOCOLS = Map.of(22, "ssh", 445, "smb", 139, "smb");

    private final Root root;
    private final Clock clock;

    private final DataType type;

    public NetSessionCollector(Schema schema, Path root) {
        this(schema, root, Clock.systemUTC());
    }

    NetSessionCollector(Schema schema, Path root, Clock clock) {
        this.type = schema.require("net_session");
        this.root = new Root(root);
        this.clock = clock;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<InetSocket> sessions = new ArrayList<>();
        Set<Long> inodes = new HashSet<>();
        for (InetSocket socket : InetSocket.read(root, "tcp")) {
            if (socket.state() == InetSocket.ESTABLISHED
                    && PROTOCOLS.containsKey(socket.localPort())
                    && socket.remoteIp() != null) {
                sessions.add(socket);
                if (socket.inode() != 0) {
                    inodes.add(socket.inode());
                }
            }
        }
        if (sessions.isEmpty()) {
            return List.of();
        }
        SocketOwners owners = SocketOwners.scan(root, inodes);
        Accounts accounts = Accounts.load(root);
        String hostName = HostName.of(root);
        long bootTime = ProcessStart.bootTime(root);
        Instant now = clock.instant();
        List<ObjectNode> documents = new ArrayList<>(sessions.size());
        for (InetSocket socket : sessions) {
            String protocol = PROTOCOLS.get(socket.localPort());
            Doc doc = new Doc()
                    .text("source.ip", socket.remoteIp())
                    .number("source.port", socket.remotePort())
                    .number("destination.port", socket.localPort())
                    .text("network.protocol", protocol);
            int[] pids = owners.pids(socket.inode());
            if (pids.length > 0) {
                doc.number("process.pid", pids[0]);
                Instant started = ProcessStart.of(root, pids[0], bootTime);
                if (started != null && !started.isAfter(now)) {
                    doc.number(
                            "net_session.active_time",
                            Duration.between(started, now).toSeconds());
                }
            }
            if ("ssh".equals(protocol)) {
                String user = sshUser(pids);
                doc.account(user, accounts.id(user), accounts.domain(user, hostName));
            }
            documents.add(doc.build());
        }
        return documents;
    }

    /** The user of an SSH session, from the title sshd gives the processes holding its socket. */
    private String sshUser(int[] pids) {
        for (int pid : pids) {
            String user = sshUserOf(SocketOwners.commandLine(root, pid));
            if (user != null) {
                return user;
            }
        }
        return null;
    }

    /**
     * The account in an sshd process title: {@code sshd: alice@pts/0}, {@code sshd: alice [priv]},
     * {@code sshd: alice@notty}, and OpenSSH 9.8's {@code sshd-session: alice@pts/0}. Null for
     * the listener ({@code sshd: /usr/sbin/sshd -D}) and for sessions not yet authenticated.
     */
    static String sshUserOf(String title) {
        if (title == null) {
            return null;
        }
        String rest;
        if (title.startsWith("sshd: ")) {
            rest = title.substring(6);
        } else if (title.startsWith("sshd-session: ")) {
            rest = title.substring(14);
        } else {
            return null;
        }
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '@' && rest.charAt(end) != ' ') {
            end++;
        }
        String user = rest.substring(0, end);
        if (user.isEmpty() || user.startsWith("/") || user.startsWith("[") || user.equals("unknown")) {
            return null;
        }
        boolean named = end < rest.length() && (rest.charAt(end) == '@' || rest.startsWith(" [priv]", end));
        return named ? user : null;
    }
}
