package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.process.Disks;
import io.agent7.agent.collect.windows.process.DriveRecord;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code disk} documents: mounted volumes with size and use. A Windows host's are the agent's
 * {@link Disks} mapping of its fixed drives as the volume APIs describe them.
 */
final class DiskDocs {

    /** GetDriveTypeW's DRIVE_FIXED. */
    private static final int DRIVE_FIXED = 3;

    /**
     * GetVolumeInformationW's flags of an NTFS volume: case-sensitive search, case-preserved
     * and Unicode names, ACLs, compression, quotas, sparse files, reparse points, object ids,
     * EFS and named streams; not FILE_READ_ONLY_VOLUME.
     */
    private static final int NTFS_FLAGS = 0x0007_00FF;

    private DiskDocs() {}

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    private static List<ObjectNode> windows(HostState h) {
        List<DriveRecord> drives = new ArrayList<>();
        for (Volumes.Volume v : Volumes.of(h.profile)) {
            long free = v.size() - (long) (v.size() * Volumes.used(h.profile, v, h.clock));
            drives.add(new DriveRecord(
                    v.mount() + "\\",
                    DRIVE_FIXED,
                    v.device(),
                    v.label(),
                    v.fileSystem(),
                    (int) Long.parseLong(v.serial().replace("-", ""), 16),
                    NTFS_FLAGS,
                    v.size(),
                    free,
                    free));
        }
        return Disks.documents(drives);
    }

    private static List<ObjectNode> linux(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        for (Volumes.Volume v : Volumes.of(h.profile)) {
            double share = Volumes.used(h.profile, v, h.clock);
            long used = (long) (v.size() * share);
            ObjectNode doc = Json.doc();
            ObjectNode disk = doc.putObject("disk");
            disk.put("mount_point", v.mount());
            disk.put("used", used);
            disk.put("free", v.size() - used);
            disk.put("used_pct", Json.round(share));
            Json.text(disk, "mount_options", v.options());
            disk.put("encrypted", v.encrypted());
            ObjectNode volume = doc.putObject("volume");
            volume.put("device_name", v.device());
            volume.put("file_system_type", v.fileSystem());
            Json.text(volume, "mount_name", v.label());
            volume.put("serial_number", v.serial());
            volume.put("size", v.size());
            volume.put("removable", false);
            volume.put("writable", true);
            volume.put("device_type", "fixed");
            docs.add(doc);
        }
        return docs;
    }
}
