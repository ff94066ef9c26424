package io.agent7.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    final List<String> dropped = new ArrayList<>();

    byte[] body(int size, int fill) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void keepsBatchesInOrderAcrossARestart() throws Exception {
        Spool spool = new Spool(dir, 1_000_000, dropped::add);
        spool.add("process", "snapshot", UUID.randomUUID().toString(), body(100, 1));
        spool.add("service", "diff", UUID.randomUUID().toString(), body(200, 2));
        spool.add("process", "diff", UUID.randomUUID().toString(), body(300, 3));
        Files.writeString(dir.resolve("000000000099-process-diff-x.ndjson.gz.tmp"), "half written");

        Spool reopened = new Spool(dir, 1_000_000, dropped::add);
        assertThat(reopened.size()).isEqualTo(3);
        assertThat(reopened.bytes()).isEqualTo(600);
        assertThat(Files.exists(dir.resolve("000000000099-process-diff-x.ndjson.gz.tmp")))
                .isFalse();
        Spool.Entry first = reopened.oldest().orElseThrow();
        assertThat(first.type()).isEqualTo("process");
        assertThat(first.mode()).isEqualTo("snapshot");
        assertThat(first.body()).isEqualTo(body(100, 1));
        reopened.remove(first);
        assertThat(reopened.oldest().orElseThrow().type()).isEqualTo("service");
        Spool.Entry next = reopened.add("disk", "snapshot", UUID.randomUUID().toString(), body(10, 4));
        assertThat(next.sequence()).isEqualTo(4);
        assertThat(dropped).isEmpty();
    }

    @Test
    void whenFullDropsTheOldestDiffsFirstAndSaysWhichTypes() throws Exception {
        Spool spool = new Spool(dir, 2_000, dropped::add);
        spool.add("process", "snapshot", UUID.randomUUID().toString(), body(700, 1));
        spool.add("service", "diff", UUID.randomUUID().toString(), body(500, 2));
        spool.add("process", "diff", UUID.randomUUID().toString(), body(500, 3));
        spool.add("network_connection", "diff", UUID.randomUUID().toString(), body(600, 4));

        assertThat(dropped).containsExactly("service");
        assertThat(spool.bytes()).isEqualTo(1_800);
        assertThat(spool.droppedBatches()).isEqualTo(1);

        // Nothing but a snapshot left to give way: it goes too, oldest first.
        spool.add("software", "snapshot", UUID.randomUUID().toString(), body(1_500, 5));
        assertThat(dropped).containsExactly("service", "process", "network_connection", "process");
        assertThat(spool.size()).isEqualTo(1);
        assertThat(spool.oldest().orElseThrow().type()).isEqualTo("software");
    }
}
