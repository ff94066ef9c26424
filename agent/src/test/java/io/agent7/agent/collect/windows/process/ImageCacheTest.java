package io.agent7.agent.collect.windows.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ImageCacheTest {

    @TempDir
    Path dir;

    private final List<String> verified = new ArrayList<>();

    private final List<String> versionsRead = new ArrayList<>();

    private final ImageCache cache = new ImageCache(
            path -> {
                verified.add(path);
                return new Signature(0, "Contoso");
            },
            path -> {
                versionsRead.add(path);
                return path.endsWith("updater.exe")
                        ? new VersionResource("Contoso", "Contoso Updater", "cupd.exe")
                        : null;
            });

    @Test
    void aFileIsHashedAndVerifiedOnceWhileUnchanged() throws IOException {
        Path image = Files.writeString(dir.resolve("svchost.exe"), "abc");
        ImageFacts first = cache.facts(image.toString());
        ImageFacts second = cache.facts(image.toString());
        cache.endCollection();
        ImageFacts nextCollection = cache.facts(image.toString());
        assertThat(first.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(second).isSameAs(first);
        assertThat(nextCollection).isSameAs(first);
        assertThat(verified).containsExactly(image.toString());
        assertThat(versionsRead).containsExactly(image.toString());
    }

    @Test
    void aFileOfAnotherSizeOrModificationTimeIsHashedAgain() throws IOException {
        Path image = Files.writeString(dir.resolve("app.exe"), "abc");
        FileTime modified = Files.getLastModifiedTime(image);
        String before = cache.facts(image.toString()).sha256();
        Files.writeString(image, "abd");
        Files.setLastModifiedTime(image, modified);
        assertThat(cache.facts(image.toString()).sha256())
                .as("same size, same time: taken as the same file")
                .isEqualTo(before);
        Files.setLastModifiedTime(image, FileTime.fromMillis(modified.toMillis() + 7_000));
        String touched = cache.facts(image.toString()).sha256();
        Files.writeString(image, "abcd");
        Files.setLastModifiedTime(image, FileTime.fromMillis(modified.toMillis() + 7_000));
        String grown = cache.facts(image.toString()).sha256();
        assertThat(touched).isNotEqualTo(before);
        assertThat(grown).isNotEqualTo(touched);
        assertThat(verified).hasSize(3);
    }

    @Test
    void filesNoProcessRanInTheLastCollectionLeaveTheCache() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.exe"), "1");
        Path gone = Files.writeString(dir.resolve("gone.exe"), "2");
        cache.facts(kept.toString());
        cache.facts(gone.toString());
        cache.endCollection();
        cache.facts(kept.toString());
        cache.endCollection();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aMissingImageHasNoFacts() {
        assertThat(cache.facts(dir.resolve("deleted.exe").toString())).isNull();
        assertThat(verified).isEmpty();
        assertThat(versionsRead).isEmpty();
    }

    @Test
    void theProgramsOfConfiguredItemsGetTheirHashSignerAndVersionResourceAndOnlyTheyStayCached() throws IOException {
        Path program = Files.writeString(dir.resolve("updater.exe"), "abc");
        ObjectNode service = new Doc()
                .text("service.name", "Updater")
                .text("process.executable", program.toString())
                .build();
        ObjectNode missing = new Doc()
                .text("service.name", "Gone")
                .text("process.executable", dir.resolve("gone.exe").toString())
                .build();
        ObjectNode driverless = new Doc().text("service.name", "NoProgram").build();

        cache.describePrograms(List.of(service, missing, driverless));

        assertThat(Fields.text(service, "process.hash.sha256"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Fields.text(service, "process.code_signature.subject_name")).isEqualTo("Contoso");
        assertThat(Fields.bool(service, "process.code_signature.trusted")).isTrue();
        assertThat(Fields.text(service, "process.pe.company")).isEqualTo("Contoso");
        assertThat(Fields.text(service, "process.pe.description")).isEqualTo("Contoso Updater");
        assertThat(Fields.text(service, "process.pe.original_file_name")).isEqualTo("cupd.exe");
        assertThat(Fields.text(service, "service.name"))
                .as("what the mapping wrote stays")
                .isEqualTo("Updater");
        assertThat(Fields.has(missing, "process.hash.sha256")).isFalse();
        assertThat(driverless.toString()).isEqualTo("{\"service\":{\"name\":\"NoProgram\"}}");
        Fields.assertConforms("service", List.of(service, missing, driverless));
        cache.describePrograms(List.of());
        assertThat(cache.size())
                .as("a collection that named none of them ended their entries")
                .isZero();
    }

    @Test
    void theProgramsOfTasksAndStartupItemsAreDescribedAsServicesAre() throws IOException {
        String program = Files.writeString(dir.resolve("updater.exe"), "abc").toString();
        ObjectNode task = new Doc()
                .text("scheduled_task.name", "Updater")
                .text("scheduled_task.path", "\\Contoso\\Updater")
                .text("process.executable", program)
                .build();
        ObjectNode startup = new Doc()
                .text("startup_item.name", "Contoso Agent")
                .text("startup_item.location", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run")
                .text("process.executable", program)
                .build();

        cache.describePrograms(List.of(task, startup));

        for (ObjectNode described : List.of(task, startup)) {
            assertThat(Fields.text(described, "process.hash.sha256"))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(Fields.text(described, "process.code_signature.subject_name"))
                    .isEqualTo("Contoso");
            assertThat(Fields.text(described, "process.pe.original_file_name")).isEqualTo("cupd.exe");
        }
        assertThat(verified).as("one file, verified once").hasSize(1);
        Fields.assertConforms("scheduled_task", task);
        Fields.assertConforms("startup_item", startup);
    }
}
