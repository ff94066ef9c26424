package io.agent7.bench;

import io.agent7.protocol.Batch;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.simulator.host.VirtualHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes simulated hosts' first snapshots of the ingest benchmark's types, as agents encode
 * them (gzip NDJSON), one file {@code <host>.<type>.ndjson.gz} per batch: the input of
 * {@code ./agent7 bench pipeline}.
 */
public final class BatchFiles {

    private BatchFiles() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "out");
        int hosts = args.integer("hosts", 100);
        Path out = Files.createDirectories(Path.of(args.get("out")));
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        int files = 0;
        for (int i = 0; i < hosts; i++) {
            VirtualHost host = VirtualHost.create(7, i, now);
            for (Batch batch : IngestThroughput.firstBatches(host, Batch.Mode.SNAPSHOT, now)) {
                Files.write(
                        out.resolve(String.format(
                                "%05d.%s.ndjson.gz", i, batch.type().name())),
                        ProtocolCodec.encodeBatch(batch));
                files++;
            }
        }
        System.out.printf("%d batches of %d hosts in %s%n", files, hosts, out);
    }
}
