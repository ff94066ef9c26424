package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold which sockets: every /proc/&lt;pid&gt;/fd/* link that reads
 * {@code socket:[inode]}. Processes that exit during the scan, or whose fds we may not read,
 * are skipped.
 */
final class SocketOwners {

    private static final SocketOwners NONE = new SocketOwners(Map.of());
    private static final int[] NO_PIDS = new int[0];

    private final Map<Long, int[]> pidsByInode;

    private SocketOwners(Map<Long, int[]> pidsByInode) {
        this.pidsByInode = pidsByInode;
    }

    /** The owners of these sockets; no scan at all for none. */
    static SocketOwners scan(Root root, Set<Long> inodes) {
        if (inodes.isEmpty()) {
            return NONE;
        }
        Map<Long, int[]> owners = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(root.at("/proc"))) {
            for (Path process : processes) {
                int pid = pid(process.getFileName().toString());
                if (pid > 0) {
                    scanProcess(process.resolve("fd"), pid, inodes, owners);
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            return new SocketOwners(owners);
        }
        return new SocketOwners(owners);
    }

    private static void scanProcess(Path fdDir, int pid, Set<Long> inodes, Map<Long, int[]> owners) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target = Root.linkText(fd);
                if (target == null || !target.startsWith("socket:[") || !target.endsWith("]")) {
                    continue;
                }
                long inode;
                try {
                    inode = Long.parseLong(target, 8, target.length() - 1, 10);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (inodes.contains(inode)) {
                    owners.merge(inode, new int[] {pid}, SocketOwners::union);
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            // gone, or not ours to read: the socket is reported without an owner
        }
    }

    private static int[] union(int[] known, int[] added) {
        for (int pid : known) {
            if (pid == added[0]) {
                return known;
            }
        }
        int[] all = Arrays.copyOf(known, known.length + 1);
        all[known.length] = added[0];
        Arrays.sort(all);
        return all;
    }

    /** Every process holding the socket, lowest pid first. */
    int[] pids(long inode) {
        return inode == 0 ? NO_PIDS : pidsByInode.getOrDefault(inode, NO_PIDS);
    }

    /**
     * The socket's owner: of the processes sharing it (forked workers, sshd's privilege
     * separation), the lowest pid, which is the parent that created it. -1 when unknown.
     */
    int owner(long inode) {
        int[] pids = pids(inode);
        return pids.length == 0 ? -1 : pids[0];
    }

    static int pid(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        long value = Long.parseLong(name);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** The process's name (comm), or null when it is gone. */
    static String name(Root root, int pid) {
        return Root.firstLine(root.at("/proc/" + pid + "/comm"));
    }

    /** The process's program path, or null when it is gone or not ours to see. */
    static String executable(Root root, int pid) {
        String target = Root.linkText(root.at("/proc/" + pid + "/exe"));
        if (target == null) {
            return null;
        }
        return target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target;
    }

    /** The process's arguments joined by spaces, as ps shows them; null when it is gone or has none. */
    static String commandLine(Root root, int pid) {
        String raw = Root.read(root.at("/proc/" + pid + "/cmdline"));
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String text = raw.replace('\0', ' ').trim();
        return text.isEmpty() ? null : text;
    }
}
