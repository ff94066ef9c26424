package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mounted file systems that hold data (disks, network shares, overlays; not proc, sysfs,
 * cgroup and the like), with size and use from statvfs, and what /sys and /dev/disk tell
 * about the device: removable, encrypted (dm-crypt), label and UUID.
 */
public final class DiskCollector implements Collector {

    static final Set<String> DATA_FILE_SYSTEMS = Set.of(
            "ext2",
            "ext3",
            "ext4",
            "xfs",
            "btrfs",
            "vfat",
            "msdos",
            "exfat",
            "ntfs",
            "ntfs3",
            "fuseblk",
            "zfs",
            "f2fs",
            "jfs",
            "reiserfs",
            "hfsplus",
            "iso9660",
            "udf",
            "nfs",
            "nfs4",
            "cifs",
            "smb3",
            "overlay");
    static final Set<String> NETWORK_FILE_SYSTEMS = Set.of("nfs", "nfs4", "cifs", "smb3");
    /** tmpfs is memory, but these two are where programs write files, so they count. */
    static final Set<String> TMPFS_MOUNTS = Set.of("/tmp", "/dev/shm");
    /** statvfs on a network mount whose server is gone can block for minutes. */
    private static final Duration NETWORK_STAT_TIMEOUT = Duration.ofSeconds(2);

    private final Root root;
    private final Map<String, Thread> hangingStats = new HashMap<>();

    private final DataType type;

    public DiskCollector(Schema schema, Path root) {
        this.type = schema.require("disk");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<Mounts.Mount> mounts = Mounts.read(root);
        if (mounts.isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = deviceLinks("/dev/disk/by-label");
        Map<String, String> uuids = deviceLinks("/dev/disk/by-uuid");
        List<ObjectNode> documents = new ArrayList<>();
        for (Mounts.Mount mount : mounts) {
            if (!counts(mount)) {
                continue;
            }
            String block = blockDevice(mount.device());
            Boolean removable = block == null ? null : removable(block);
            Doc doc = new Doc()
                    .text("disk.mount_point", mount.mountPoint())
                    .text("volume.device_name", mount.device())
                    .text("volume.file_system_type", mount.type())
                    .texts("disk.mount_options", mount.options())
                    .bool("volume.writable", mount.options().contains("rw"))
                    .bool("volume.removable", removable)
                    .text("volume.device_type", deviceType(mount, block, removable));
            if (block != null) {
                doc.text("volume.mount_name", labels.get(block))
                        .text("volume.serial_number", uuids.get(block))
                        .bool("disk.encrypted", encrypted(block));
            }
            if (root.isLive()) {
                sizes(doc, mount);
            }
            documents.add(doc.build());
        }
        return documents;
    }

    static boolean counts(Mounts.Mount mount) {
        return DATA_FILE_SYSTEMS.contains(mount.type())
                || mount.type().equals("tmpfs") && TMPFS_MOUNTS.contains(mount.mountPoint());
    }

    /** The kernel's name of the device (sda1, dm-0), following /dev/mapper and /dev/disk links; null for no block device. */
    private String blockDevice(String device) {
        if (!device.startsWith("/dev/")) {
            return null;
        }
        Path path = root.at(device);
        for (int hops = 0; hops < 8 && Root.isSymbolicLink(path); hops++) {
            Path target = root.linkTarget(path);
            if (target == null) {
                break;
            }
            path = target;
        }
        Path fileName = path.getFileName();
        if (fileName == null) {
            return null;
        }
        String name = fileName.toString();
        return Root.exists(root.at("/sys/class/block/" + name)) || Root.exists(root.at("/sys/block/" + name))
                ? name
                : null;
    }

    /** From /sys/block/&lt;disk&gt;/removable; a partition answers for the disk it is on. */
    private Boolean removable(String block) {
        String disk = Root.exists(root.at("/sys/block/" + block)) ? block : parentDisk(block);
        String flag = disk == null ? null : Root.firstLine(root.at("/sys/block/" + disk + "/removable"));
        return flag == null ? null : flag.equals("1");
    }

    private String parentDisk(String partition) {
        Path classLink = root.at("/sys/class/block/" + partition);
        Path target = root.linkTarget(classLink);
        if (target != null && target.getParent() != null) {
            String parent = target.getParent().getFileName().toString();
            if (Root.exists(root.at("/sys/block/" + parent))) {
                return parent;
            }
        }
        // nvme0n1p1 and mmcblk0p1 put a "p" between disk and partition number; sda1 does not
        String stripped = partition.matches(".*\\dp\\d+")
                ? partition.replaceFirst("p\\d+$", "")
                : partition.replaceFirst("\\d+$", "");
        return Root.exists(root.at("/sys/block/" + stripped)) ? stripped : null;
    }

    /** dm-crypt devices carry a device-mapper UUID starting with CRYPT- (LUKS, plain, TrueCrypt). */
    private Boolean encrypted(String block) {
        if (!block.startsWith("dm-")) {
            return Boolean.FALSE;
        }
        String uuid = Root.firstLine(root.at("/sys/block/" + block + "/dm/uuid"));
        return uuid == null ? null : uuid.startsWith("CRYPT-");
    }

    private static String deviceType(Mounts.Mount mount, String block, Boolean removable) {
        if (NETWORK_FILE_SYSTEMS.contains(mount.type())) {
            return "network";
        }
        if (mount.type().equals("tmpfs")) {
            return "ram";
        }
        if (mount.type().equals("iso9660") || mount.type().equals("udf") || block != null && block.startsWith("sr")) {
            return "optical";
        }
        if (block == null) {
            return null;
        }
        return Boolean.TRUE.equals(removable) ? "removable" : "fixed";
    }

    /** Label or UUID by kernel device name, from the links udev keeps in /dev/disk. */
    private Map<String, String> deviceLinks(String dir) {
        Map<String, String> byDevice = new HashMap<>();
        for (Path link : Root.list(root.at(dir))) {
            Path target = root.linkTarget(link);
            if (target != null) {
                byDevice.putIfAbsent(
                        target.getFileName().toString(),
                        udevUnescape(link.getFileName().toString()));
            }
        }
        return byDevice;
    }

    /** udev writes unsafe characters of a label as \xNN. */
    static String udevUnescape(String name) {
        if (name.indexOf("\\x") < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            if (name.startsWith("\\x", i) && i + 3 < name.length()) {
                try {
                    out.append((char) Integer.parseInt(name.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape after all
                }
            }
            out.append(name.charAt(i));
        }
        return out.toString();
    }

    /** Size as df reports it: used = size - free blocks; free = what unprivileged users may still use. */
    private void sizes(Doc doc, Mounts.Mount mount) {
        sizes(doc, NETWORK_FILE_SYSTEMS.contains(mount.type()) ? statWithTimeout(mount) : stat(mount));
    }

    /** @param space {total, usable, unallocated} bytes, or null */
    static void sizes(Doc doc, long[] space) {
        if (space == null || space[0] <= 0) {
            return;
        }
        long total = space[0];
        long used = Math.max(0, total - space[2]);
        long available = space[1];
        doc.number("volume.size", total).number("disk.used", used).number("disk.free", available);
        if (used + available > 0) {
            doc.decimal("disk.used_pct", (double) used / (used + available));
        }
    }

    /** {total, usable, unallocated} bytes, or null. */
    private long[] stat(Mounts.Mount mount) {
        try {
            FileStore store = Files.getFileStore(root.at(mount.mountPoint()));
            return new long[] {store.getTotalSpace(), store.getUsableSpace(), store.getUnallocatedSpace()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * On its own thread, given up after a timeout. A mount whose previous stat still hangs is
     * not asked again, so a dead server costs one stuck thread, not one per collection.
     */
    private long[] statWithTimeout(Mounts.Mount mount) {
        Thread previous = hangingStats.get(mount.mountPoint());
        if (previous != null && previous.isAlive()) {
            return null;
        }
        AtomicReference<long[]> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(stat(mount)), "agent7-statvfs");
        thread.setDaemon(true);
        thread.start();
        hangingStats.put(mount.mountPoint(), thread);
        try {
            thread.join(NETWORK_STAT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            hangingStats.remove(mount.mountPoint());
        }
        return result.get();
    }
}
