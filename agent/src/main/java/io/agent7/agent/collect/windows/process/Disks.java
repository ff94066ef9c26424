package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code disk} documents of the drive letters. The mount point is the letter and colon (C:),
 * the serial number as {@code dir} prints it (1A2B-3C4D). Free space is what the agent's
 * account may still use, as the Linux collector counts it; for SYSTEM without quotas that is
 * all free space.
 */
public final class Disks {

    static final int DRIVE_NO_ROOT_DIR = 1;

    static final int DRIVE_REMOVABLE = 2;

    static final int DRIVE_CDROM = 5;

    static final int FILE_READ_ONLY_VOLUME = 0x0008_0000;

    private Disks() {}

    public static List<ObjectNode> documents(List<DriveRecord> drives) {
        List<ObjectNode> documents = new ArrayList<>(drives.size());
        for (DriveRecord drive : drives) {
            if (drive.driveType() == DRIVE_NO_ROOT_DIR) {
                continue; // the letter went away while being listed
            }
            Doc doc = new Doc()
                    .text("disk.mount_point", mountPoint(drive.rootPath()))
                    .text("volume.device_name", drive.volumeName())
                    .text("volume.device_type", deviceType(drive.driveType()))
                    .bool("volume.removable", drive.driveType() == DRIVE_REMOVABLE || drive.driveType() == DRIVE_CDROM)
                    .text("volume.mount_name", drive.label())
                    .text("volume.file_system_type", drive.fileSystem());
            if (drive.serialNumber() != null) {
                doc.text("volume.serial_number", serial(drive.serialNumber()));
            }
            if (drive.fileSystemFlags() != null) {
                doc.bool("volume.writable", (drive.fileSystemFlags() & FILE_READ_ONLY_VOLUME) == 0);
            }
            if (drive.totalBytes() != null && drive.totalFreeBytes() != null && drive.freeBytesAvailable() != null) {
                long used = drive.totalBytes() - drive.totalFreeBytes();
                long free = drive.freeBytesAvailable();
                doc.number("volume.size", drive.totalBytes())
                        .number("disk.used", used)
                        .number("disk.free", free);
                if (used + free > 0) {
                    doc.decimal("disk.used_pct", (double) used / (used + free));
                }
            }
            documents.add(doc.build());
        }
        return documents;
    }

    /** C:\ as C:, the form the simulator and rules use; a mounted folder path keeps its form. */
    static String mountPoint(String rootPath) {
        return rootPath.length() == 3 && rootPath.charAt(1) == ':' && rootPath.charAt(2) == '\\'
                ? rootPath.substring(0, 2)
                : rootPath;
    }

    /** The volume serial number as dir and vol print it: two groups of four upper-case hex digits. */
    static String serial(int serialNumber) {
        return String.format(Locale.ROOT, "%04X-%04X", serialNumber >>> 16, serialNumber & 0xFFFF);
    }

    static String deviceType(int driveType) {
        return switch (driveType) {
            case DRIVE_REMOVABLE -> "removable";
            case 3 -> "fixed";
            case 4 -> "network";
            case DRIVE_CDROM -> "optical";
            case 6 -> "ram";
            default -> null; // DRIVE_UNKNOWN: no type is better than a made-up one
        };
    }
}
