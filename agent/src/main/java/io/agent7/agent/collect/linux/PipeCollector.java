package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Unix sockets bound to a path (from /proc/net/unix, with the process serving each) and
 * FIFOs in the directories where programs put them (/run, /var/run, /tmp, /dev/shm,
 * /var/lib), with owner and mode.
 */
public final class PipeCollector implements Collector {

    static final List<String> FIFO_DIRS = List.of("/run", "/var/run", "/tmp", "/dev/shm", "/var/lib");
    static final int MAX_DEPTH = 4;
    static final int MAX_ENTRIES = 20_000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    /** __SO_ACCEPTCON in /proc/net/unix's Flags: the socket accepts connections. */
    private static final int SO_ACCEPTCON = 0x10000;

    private final Root root;

    private final DataType type;

    public PipeCollector(Schema schema, Path root) {
        this.type = schema.require("pipe");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    /** A socket with a path: its inode, and whether it listens. */
    record UnixSocket(String path, long inode, boolean listening) {}

    @Override
    public List<ObjectNode> collect() {
        Map<String, UnixSocket> sockets = unixSockets(Root.read(root.at("/proc/net/unix")));
        Set<Long> inodes = new HashSet<>();
        for (UnixSocket socket : sockets.values()) {
            inodes.add(socket.inode());
        }
        SocketOwners owners = SocketOwners.scan(root, inodes);
        Accounts accounts = Accounts.load(root);
        List<ObjectNode> documents = new ArrayList<>();
        for (UnixSocket socket : sockets.values()) {
            Doc doc = file(socket.path(), "unix_socket", accounts)
                    .text("pipe.state", socket.listening() ? "listen" : "connected");
            int pid = owners.owner(socket.inode());
            if (pid > 0) {
                doc.number("process.pid", pid).text("process.name", SocketOwners.name(root, pid));
            }
            documents.add(doc.build());
        }
        for (String fifo : fifos()) {
            documents.add(file(fifo, "fifo", accounts).build());
        }
        return documents;
    }

    /**
     * Path-bound sockets by path; of several sockets on one path (a listener and the
     * connections it accepted), the listener. Abstract sockets ("@name") have no file and are left out.
     */
    static Map<String, UnixSocket> unixSockets(String table) {
        Map<String, UnixSocket> byPath = new LinkedHashMap<>();
        if (table == null) {
            return byPath;
        }
        List<String> lines = Root.splitLines(table);
        for (int i = 1; i < lines.size(); i++) {
            UnixSocket socket = unixSocket(lines.get(i));
            if (socket != null) {
                UnixSocket known = byPath.get(socket.path());
                if (known == null || socket.listening() && !known.listening()) {
                    byPath.put(socket.path(), socket);
                }
            }
        }
        return byPath;
    }

    /** "Num RefCount Protocol Flags Type St Inode Path": the path is the rest of the line and may hold blanks. */
    private static UnixSocket unixSocket(String line) {
        String[] f = line.strip().split("\\s+", 8);
        if (f.length < 8 || !f[7].startsWith("/")) {
            return null;
        }
        try {
            int flags = Integer.parseInt(f[3], 16);
            long inode = Long.parseLong(f[6]);
            return new UnixSocket(f[7], inode, (flags & SO_ACCEPTCON) != 0);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Doc file(String path, String pipeType, Accounts accounts) {
        Doc doc = new Doc()
                .text("pipe.name", path.substring(path.lastIndexOf('/') + 1))
                .text("pipe.type", pipeType)
                .text("file.path", path);
        try {
            Map<String, Object> unix = Files.readAttributes(root.at(path), "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            int uid = (Integer) unix.get("uid");
            String owner = accounts.userName(Integer.toUnsignedLong(uid));
            doc.text("file.owner", owner != null ? owner : Integer.toUnsignedString(uid))
                    .text("file.mode", String.format("%04o", mode & 07777));
        } catch (IOException | RuntimeException e) {
            // the socket's file was removed while it stays bound, or the FIFO just went away
        }
        return doc;
    }

    /** Host paths of the FIFOs below the FIFO directories, without following links, within the walk's limits. */
    Set<String> fifos() {
        Set<String> found = new LinkedHashSet<>();
        int[] visited = {0};
        for (String dir : FIFO_DIRS) {
            Path start = root.at(dir);
            if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) || visited[0] >= MAX_ENTRIES) {
                continue;
            }
            try {
                Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
                        return ++visited[0] >= MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isOther() && isFifo(file)) {
                            found.add(root.show(file));
                        }
                        return ++visited[0] >= MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) {
                        return FileVisitResult.CONTINUE; // a directory that vanished mid-walk ends only its own subtree
                    }
                });
            } catch (IOException | RuntimeException e) {
                // what the walk found before the failure stands
            }
        }
        return found;
    }

    private static boolean isFifo(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFIFO;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
