package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest API's own work per document, without HTTP or Elasticsearch: gunzip, read and
 * validate each line, normalise, content id, enrichers, update body. Side by side in each
 * round with the floor every implementation pays: gunzip and parse each line into a tree.
 * A CRC over the ids and update bodies shows that a change kept the output.
 *
 * <p>{@code ./agent7 bench pipeline} writes simulated hosts' batches (as agents encode
 * them) and runs this on them; see docs/BENCHMARKS.md.
 */
public final class PipelineBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PipelineBenchmark() {}

    /** Args: the folder of {@code <host>.<type>.ndjson.gz} batches, and the number of rounds. */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        List<byte[]> bodies = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                bodies.add(Files.readAllBytes(file));
                types.add(
                        Schema.standard().require(file.getFileName().toString().split("\\.")[1]));
            }
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("No batches in " + folder);
        }
        Recorder sink = new Recorder();
        IngestProperties properties = IngestProperties.defaults();
        // The batches are collected at BatchFiles' fixed time, so that each run writes the same
        // bytes (the CRC); the server's clock says that time too, or it would refuse them as old.
        CollectionTimes times = new CollectionTimes(
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC), properties, (host, ahead) -> {});
        IngestService service = new IngestService(
                sink,
                sink,
                new ItemTypes(Schema.standard()),
                times,
                properties,
                List.of(new ProcessEntityIdEnricher()),
                new IngestMetrics(new SimpleMeterRegistry()));
        BatchReader reader = new BatchReader(properties);
        AgentPrincipal agent = new AgentPrincipal("bench-agent", "0123456789abcdef0123456789abcdef", "WS-0001");
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long lines = 0;
            for (byte[] body : bodies) {
                lines += parseOnly(body);
            }
            long parse = System.nanoTime() - start;
            sink.reset();
            start = System.nanoTime();
            for (int i = 0; i < bodies.size(); i++) {
                DataType type = types.get(i);
                StoredBatch batch = reader.readStored(
                        gunzip(bodies.get(i)), type, Schema.standard().normalizer(type), agent.hostId());
                service.ingest(agent, batch).join();
            }
            long pipeline = System.nanoTime() - start;
            double parseMicros = parse / 1000.0 / lines;
            double pipelineMicros = pipeline / 1000.0 / sink.documents;
            if (round >= rounds / 2) { // the first half warms the JIT up
                ratios.add(pipelineMicros / parseMicros);
            }
            System.out.printf(
                    "round %d: parse only %.2f us/line, API pipeline %.2f us/document (%d documents, "
                            + "%d body bytes, crc %08x), ratio %.2f%n",
                    round + 1,
                    parseMicros,
                    pipelineMicros,
                    sink.documents,
                    sink.bytes,
                    sink.crc.getValue(),
                    pipelineMicros / parseMicros);
        }
        ratios.sort(Double::compare);
        System.out.printf(
                "RESULT batches=%d documents=%d median_ratio_pipeline_to_parse=%.2f%n",
                bodies.size(), sink.documents, ratios.get(ratios.size() / 2));
    }

    private static InputStream gunzip(byte[] body) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024);
    }

    /** The floor: every line of the batch parsed into a tree. */
    private static long parseOnly(byte[] body) throws IOException {
        byte[] text = gunzip(body).readAllBytes();
        long lines = 0;
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                if (i > start) {
                    JSON.readTree(text, start, i - start);
                    lines++;
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Takes every write at once as created, counting documents and bytes and checksumming ids and bodies. */
    private static final class Recorder extends AcknowledgingSink {
        long documents;
        long bytes;
        final CRC32 crc = new CRC32();

        void reset() {
            documents = 0;
            bytes = 0;
            crc.reset();
        }

        @Override
        void accepted(Write write) {
            documents++;
            bytes += write.action().length;
            crc.update(write.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            crc.update(write.action());
        }
    }
}
