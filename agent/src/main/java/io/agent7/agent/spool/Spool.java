package io.agent7.agent.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batches waiting for the server, on disk, sent oldest first. A batch is written (and
 * flushed to the device) before the agent counts it as sent, and deleted only once the
 * server acknowledged it, so an outage or a restart delays data but loses none.
 *
 * <p>Bounded: when a new batch would not fit, the oldest differential batches are dropped
 * first, then the oldest snapshots. Dropping a batch leaves a gap in what the server knows
 * of that type, so {@code onDropped} is told its type and the next batch of it is a full
 * snapshot, which heals the gap.
 */
public final class Spool {

    private static final Pattern NAME =
            Pattern.compile("(\\d{12})-([a-z_]+)-(snapshot|diff)-([0-9a-f-]{36})\\.ndjson\\.gz");

    /** One waiting batch; its body is the gzip NDJSON the ingest API takes. */
    public record Entry(long sequence, String type, String mode, String batchId, Path file, long size) {
        public byte[] body() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read spooled batch " + file, e);
            }
        }
    }

    // configuration
    private final Path dir;
    private final long maxBytes;
    private final Consumer<String> onDropped;

    // state, guarded by this
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private long bytes;
    private long nextSequence;
    private long droppedBatches;

    public Spool(Path dir, long maxBytes, Consumer<String> onDropped) throws IOException {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("The spool needs at least 1 KB, got " + maxBytes + " bytes");
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.onDropped = onDropped;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    Entry entry = new Entry(
                            Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4), file, Files.size(file));
                    entries.put(entry.sequence(), entry);
                    bytes += entry.size();
                } else if (file.getFileName().toString().endsWith(".tmp")) {
                    Files.deleteIfExists(file); // a write the agent did not finish: never acknowledged to anyone
                }
            }
        }
        nextSequence = entries.isEmpty() ? 1 : entries.lastKey() + 1;
    }

    /** Queues a batch; it is on disk when this returns. */
    public synchronized Entry add(String type, String mode, String batchId, byte[] body) throws IOException {
        makeRoom(body.length);
        long sequence = nextSequence++;
        Path file = dir.resolve(String.format("%012d-%s-%s-%s.ndjson.gz", sequence, type, mode, batchId));
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        Entry entry = new Entry(sequence, type, mode, batchId, file, body.length);
        entries.put(sequence, entry);
        bytes += body.length;
        return entry;
    }

    private void makeRoom(long needed) throws IOException {
        // Diffs go first: a snapshot replaces everything before it, a diff only patches.
        for (String mode : List.of("diff", "snapshot")) {
            List<Entry> victims = new ArrayList<>();
            long freed = 0;
            for (Entry e : entries.values()) {
                if (bytes - freed + needed <= maxBytes) {
                    break;
                }
                if (e.mode().equals(mode)) {
                    victims.add(e);
                    freed += e.size();
                }
            }
            for (Entry victim : victims) {
                drop(victim);
            }
        }
    }

    private void drop(Entry entry) throws IOException {
        Files.deleteIfExists(entry.file());
        entries.remove(entry.sequence());
        bytes -= entry.size();
        droppedBatches++;
        onDropped.accept(entry.type());
    }

    public synchronized Optional<Entry> oldest() {
        return entries.isEmpty()
                ? Optional.empty()
                : Optional.of(entries.firstEntry().getValue());
    }

    /** The server acknowledged it (or refused it for good): forget it. */
    public synchronized void remove(Entry entry) throws IOException {
        if (entries.remove(entry.sequence()) != null) {
            bytes -= entry.size();
            Files.deleteIfExists(entry.file());
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Batches dropped to make room, since the agent started. */
    public synchronized long droppedBatches() {
        return droppedBatches;
    }
}
