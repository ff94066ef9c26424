package io.agent7.agent.collect.windows.process;

/**
 * One drive of GetLogicalDriveStringsW with what the volume APIs tell of it; the parts that
 * failed (an empty optical drive is not ready) are null.
 *
 * @param rootPath       as listed: C:\
 * @param driveType      GetDriveTypeW: 2 removable, 3 fixed, 4 remote, 5 CD-ROM, 6 RAM disk
 * @param volumeName     GetVolumeNameForVolumeMountPointW: \\?\Volume{GUID}\ (none for a network drive)
 * @param label          GetVolumeInformationW's volume name buffer
 * @param fileSystem     GetVolumeInformationW's file system name: NTFS, ReFS, FAT32, exFAT
 * @param serialNumber   GetVolumeInformationW's serial number, an unsigned DWORD
 * @param fileSystemFlags GetVolumeInformationW's flags (FILE_READ_ONLY_VOLUME = 0x80000)
 * @param totalBytes     GetDiskFreeSpaceExW's total number of bytes
 * @param totalFreeBytes GetDiskFreeSpaceExW's total number of free bytes
 * @param freeBytesAvailable GetDiskFreeSpaceExW's free bytes available to the caller (after quotas)
 */
public record DriveRecord(
        String rootPath,
        int driveType,
        String volumeName,
        String label,
        String fileSystem,
        Integer serialNumber,
        Integer fileSystemFlags,
        Long totalBytes,
        Long totalFreeBytes,
        Long freeBytesAvailable) {}
