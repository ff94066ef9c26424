package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.decimal;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class DiskCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new DiskCollector(Schema.standard(), fixture.root()).collect();
    }

    private ObjectNode mount(String point) {
        return only(docs, "disk.mount_point", point);
    }

    @Test
    void dataFileSystemsCountAndKernelOnesDoNot() {
        assertThat(Fields.column(docs, "disk.mount_point"))
                .containsExactlyInAnyOrder(
                        "/",
                        "/media/usb",
                        "/srv/data",
                        "/mnt/with space",
                        "/tmp",
                        "/dev/shm",
                        "/mnt/nfs",
                        "/var/lib/docker/overlay2/abc/merged");
    }

    @Test
    void aFixedDiskPartitionAnswersForItsDisk() {
        ObjectNode slash = mount("/");
        assertThat(text(slash, "volume.device_name")).isEqualTo("/dev/sda1");
        assertThat(text(slash, "volume.file_system_type")).isEqualTo("ext4");
        assertThat(bool(slash, "volume.removable")).isFalse();
        assertThat(text(slash, "volume.device_type")).isEqualTo("fixed");
        assertThat(bool(slash, "volume.writable")).isTrue();
        assertThat(bool(slash, "disk.encrypted")).isFalse();
        assertThat(text(slash, "volume.serial_number")).isEqualTo("0f1e2d3c-root");
        assertThat(texts(slash, "disk.mount_options")).containsExactly("rw", "relatime");
    }

    @Test
    void aUsbStickIsRemovableWithItsLabel() {
        ObjectNode usb = mount("/media/usb");
        assertThat(bool(usb, "volume.removable")).isTrue();
        assertThat(text(usb, "volume.device_type")).isEqualTo("removable");
        assertThat(text(usb, "volume.mount_name")).isEqualTo("USB STICK");
        assertThat(text(usb, "volume.serial_number")).isEqualTo("1234-ABCD");
    }

    @Test
    void aDmCryptMapperIsEncryptedAndAReadOnlyMountIsNotWritable() {
        ObjectNode data = mount("/srv/data");
        assertThat(text(data, "volume.device_name")).isEqualTo("/dev/mapper/cryptdata");
        assertThat(bool(data, "disk.encrypted")).isTrue();
        assertThat(bool(data, "volume.writable")).isFalse();
        assertThat(bool(data, "volume.removable")).isFalse();
    }

    @Test
    void networkMemoryAndOverlayMountsHaveNoBlockDevice() {
        assertThat(text(mount("/mnt/nfs"), "volume.device_type")).isEqualTo("network");
        assertThat(has(mount("/mnt/nfs"), "volume.removable")).isFalse();
        assertThat(text(mount("/tmp"), "volume.device_type")).isEqualTo("ram");
        assertThat(has(mount("/var/lib/docker/overlay2/abc/merged"), "volume.device_type"))
                .isFalse();
        assertThat(has(mount("/var/lib/docker/overlay2/abc/merged"), "disk.encrypted"))
                .isFalse();
    }

    @Test
    void theLastMountOnAPointIsTheOneInEffect() {
        assertThat(texts(mount("/dev/shm"), "disk.mount_options")).contains("noexec");
    }

    @Test
    void sizesAreLeftOutForAFixtureRoot() {
        assertThat(docs).noneMatch(d -> has(d, "volume.size") || has(d, "disk.used"));
    }

    @Test
    void sizesAreWhatDfShowsUsedIsTotalLessFreeBlocksAndFreeIsWhatUsersMayStillUse() {
        ObjectNode root = mount("/");
        // 100 GiB, 30 GiB usable by users, 40 GiB unallocated (10 GiB reserved for root)
        DiskCollector.sizes(Doc.onto(root), new long[] {100L << 30, 30L << 30, 40L << 30});
        assertThat(number(root, "volume.size")).isEqualTo(100L << 30);
        assertThat(number(root, "disk.used")).isEqualTo(60L << 30);
        assertThat(number(root, "disk.free")).isEqualTo(30L << 30);
        assertThat(decimal(root, "disk.used_pct")).isEqualTo(0.6667);
        Fields.assertConforms("disk", root);
    }

    @Test
    void mountFieldsUnescapeOctalSequences() {
        assertThat(Mounts.unescape("/mnt/with\\040space\\011tab")).isEqualTo("/mnt/with space\ttab");
        assertThat(Mounts.unescape("/mnt/back\\134slash")).isEqualTo("/mnt/back\\slash");
        assertThat(DiskCollector.udevUnescape("USB\\x20STICK")).isEqualTo("USB STICK");
    }

    @Test
    void aHostWithoutAMountTableHasNoDisks(@TempDir Path empty) {
        assertThat(new DiskCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
