package io.agent7.agent.collect.windows.process;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** Drives as GetLogicalDriveStringsW and the volume APIs report them on a workstation. */
class DisksTest {

    static final String C_VOLUME = "\\\\?\\Volume{3f1c8a52-0000-0000-0000-100000000000}\\";

    static final List<DriveRecord> DRIVES = List.of(
            new DriveRecord(
                    "C:\\",
                    3,
                    C_VOLUME,
                    "",
                    "NTFS",
                    0x1A2B3C4D,
                    0x03E706FF,
                    511_101_063_168L,
                    211_101_063_168L,
                    211_101_063_168L),
            new DriveRecord(
                    "D:\\",
                    5,
                    "\\\\?\\Volume{aa000000-0000-0000-0000-000000000001}\\",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null), // an empty DVD drive: not ready
            new DriveRecord(
                    "E:\\",
                    2,
                    "\\\\?\\Volume{bb000000-0000-0000-0000-000000000002}\\",
                    "Sicherung-Ü",
                    "exFAT",
                    0x00000BAD,
                    0x00080000 | 0x00000002,
                    64_000_000_000L,
                    4_000_000_000L,
                    4_000_000_000L),
            new DriveRecord(
                    "Z:\\",
                    4,
                    null,
                    "Projects",
                    "NTFS",
                    0xDEADBEEF,
                    0x0000001F,
                    1_099_511_627_776L,
                    549_755_813_888L,
                    109_951_162_778L), // a quota leaves this user a tenth of the free space
            new DriveRecord("Q:\\", 1, null, null, null, null, null, null, null, null));

    private final List<ObjectNode> docs = Disks.documents(DRIVES);

    private ObjectNode drive(String mount) {
        return docs.stream()
                .filter(d -> mount.equals(text(d, "disk.mount_point")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + mount + " in " + docs));
    }

    @Test
    void everyDriveThatStillExistsIsADocumentTheServerAccepts() {
        assertThat(docs).extracting(d -> text(d, "disk.mount_point")).containsExactly("C:", "D:", "E:", "Z:");
        Fields.assertConforms("disk", docs);
    }

    @Test
    void theSystemDriveHasItsVolumeSpaceAndSerialAsDirPrintsIt() {
        ObjectNode c = drive("C:");
        assertThat(text(c, "volume.device_name")).isEqualTo(C_VOLUME);
        assertThat(text(c, "volume.file_system_type")).isEqualTo("NTFS");
        assertThat(text(c, "volume.serial_number")).isEqualTo("1A2B-3C4D");
        assertThat(has(c, "volume.mount_name")).as("no label").isFalse();
        assertThat(text(c, "volume.device_type")).isEqualTo("fixed");
        assertThat(bool(c, "volume.removable")).isFalse();
        assertThat(bool(c, "volume.writable")).isTrue();
        assertThat(number(c, "volume.size")).isEqualTo(511_101_063_168L);
        assertThat(number(c, "disk.used")).isEqualTo(300_000_000_000L);
        assertThat(number(c, "disk.free")).isEqualTo(211_101_063_168L);
        assertThat(Documents.get(c, "disk.used_pct").asDouble()).isEqualTo(0.587);
    }

    @Test
    void anEmptyOpticalDriveHasOnlyItsLetterAndType() {
        ObjectNode d = drive("D:");
        assertThat(text(d, "volume.device_type")).isEqualTo("optical");
        assertThat(bool(d, "volume.removable")).isTrue();
        assertThat(has(d, "volume.size")).isFalse();
        assertThat(has(d, "volume.serial_number")).isFalse();
        assertThat(has(d, "volume.writable")).isFalse();
    }

    @Test
    void aReadOnlyRemovableVolumeAndANetworkDriveUnderQuota() {
        ObjectNode e = drive("E:");
        assertThat(bool(e, "volume.writable")).isFalse();
        assertThat(text(e, "volume.mount_name")).isEqualTo("Sicherung-Ü");
        assertThat(text(e, "volume.serial_number")).isEqualTo("0000-0BAD");
        ObjectNode z = drive("Z:");
        assertThat(text(z, "volume.device_type")).isEqualTo("network");
        assertThat(has(z, "volume.device_name")).isFalse();
        assertThat(text(z, "volume.serial_number")).isEqualTo("DEAD-BEEF");
        assertThat(number(z, "disk.free")).isEqualTo(109_951_162_778L);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {"0, -", "2, removable", "3, fixed", "4, network", "5, optical", "6, ram", "7, -"})
    void driveTypes(int driveType, String name) {
        assertThat(Disks.deviceType(driveType)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"C:\\, C:", "C:\\Mount\\Data\\, C:\\Mount\\Data\\"})
    void aDriveRootIsItsLetterAndColon(String root, String mount) {
        assertThat(Disks.mountPoint(root)).isEqualTo(mount);
    }
}
