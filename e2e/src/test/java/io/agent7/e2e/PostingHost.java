package io.agent7.e2e;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Batch;
import io.agent7.schema.Schema;
import io.agent7.testkit.Folders;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * A host that posts diff batches of new processes through the ingest API as fast as it is
 * answered, as a busy agent does, and sends a batch again, the same batch, until it is
 * acknowledged. It keeps count of what was acknowledged, so a test can compare the index
 * with it; every document of a batch that failed is sent again, so nothing else may be there.
 */
final class PostingHost implements AutoCloseable {

    private static final String START = "2026-11-28T10:00:00.000Z";

    // configuration
    private final ServerClient client;
    private final String hostId;
    private final Path stateDir;
    private final int batchSize;
    private final Duration pace;

    // state, read by the test while the host posts
    private final AtomicLong lastAcknowledged = new AtomicLong(System.nanoTime());
    private final AtomicLong acknowledgedDocuments = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private volatile int nextPid = 1;
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final List<String> bareServerErrors = new CopyOnWriteArrayList<>();
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private final Thread thread;

    private PostingHost(ServerClient client, String hostId, Path stateDir, int batchSize, Duration pace) {
        this.client = client;
        this.stateDir = stateDir;
        this.hostId = hostId;
        this.batchSize = batchSize;
        this.pace = pace;
        this.thread = new Thread(this::run, "posting-host-" + hostId.substring(0, 8));
        this.thread.setDaemon(true);
    }

    /** Enrolls a new host with {@code siteKey} and starts posting batches of {@code batchSize} processes. */
    static PostingHost start(URI ingest, String siteKey, int batchSize, Duration pace) throws Exception {
        return start(List.of(ingest), siteKey, batchSize, pace);
    }

    /** The same with several ingest APIs: the host posts to the first and goes on with the next when it cannot. */
    static PostingHost start(List<URI> ingest, String siteKey, int batchSize, Duration pace) throws Exception {
        Path stateDir = Files.createTempDirectory("agent7-e2e-posting");
        Credentials credentials = FleetSupport.enroll(ingest, siteKey, stateDir);
        PostingHost host = new PostingHost(
                new ServerClient(credentials, "e2e", Clock.systemUTC()),
                credentials.hostId(),
                stateDir,
                batchSize,
                pace);
        host.thread.start();
        return host;
    }

    private void run() {
        while (!stopping) {
            String id = UUID.randomUUID().toString();
            Instant collectedAt = Instant.now();
            List<ObjectNode> documents = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                ObjectNode document = FleetSupport.JSON.createObjectNode();
                int pid = nextPid++;
                document.putObject("process")
                        .put("pid", pid)
                        .put("start", START)
                        .put("name", "p" + pid);
                documents.add(document);
            }
            // Until acknowledged, even when told to stop: the count must hold every document sent.
            for (int attempt = 0; ; attempt++) {
                try {
                    posts.incrementAndGet();
                    client.post(new Batch(
                            id,
                            Batch.Mode.DIFF,
                            Schema.standard().require("process"),
                            collectedAt,
                            documents,
                            List.of()));
                    acknowledged.add(new Acknowledged(id, nextPid - batchSize, batchSize, Instant.now(), attempt + 1));
                    acknowledgedDocuments.addAndGet(batchSize);
                    lastAcknowledged.set(System.nanoTime());
                    break;
                } catch (ServerException e) {
                    if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                        unexpected.add(e.getMessage());
                    }
                    if (e.status() >= 500 && !e.serverSaid()) {
                        bareServerErrors.add(e.status() + ": " + e.getMessage());
                    }
                    if (attempt == 0) {
                        resent.addAndGet(batchSize);
                    }
                    sleep(Duration.ofMillis(250));
                }
            }
            sleep(pace);
        }
    }

    /** A batch the API acknowledged: its processes are pids {@code firstPid} to {@code firstPid + count - 1}. */
    record Acknowledged(String batchId, int firstPid, int count, Instant at, int attempts) {
        boolean holds(int pid) {
            return pid >= firstPid && pid < firstPid + count;
        }
    }

    /** Requests its client sent again on another ingest API after the one in use could not be reached. */
    long failedOver() {
        return client.failedOver();
    }

    /** The ingest API the host posts to now. */
    URI server() {
        return client.server();
    }

    String hostId() {
        return hostId;
    }

    /** Every batch acknowledged so far, in order. */
    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Whether a post was acknowledged after {@code nanoTime} (a {@link System#nanoTime()} reading). */
    boolean acknowledgedSince(long nanoTime) {
        return lastAcknowledged.get() - nanoTime > 0;
    }

    /** Documents made and sent (once or more) so far: a batch is made only after the one before was acknowledged. */
    long sentDocuments() {
        return nextPid - 1L;
    }

    /** Posts made, the first of each batch and every one sent again. */
    long posts() {
        return posts.get();
    }

    long acknowledgedDocuments() {
        return acknowledgedDocuments.get();
    }

    /** Documents in batches that failed at least once and were sent again. */
    long resentDocuments() {
        return resent.get();
    }

    /** Answers no retry can fix (a 4xx other than 429): none is expected. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Answers of 500 or more that said no {@code Retry-After}: the host could only guess when to come back. */
    List<String> bareServerErrors() {
        return List.copyOf(bareServerErrors);
    }

    /** Stops after the batch in hand is acknowledged; false when it was not within {@code limit}. */
    boolean stop(Duration limit) throws InterruptedException {
        stopping = true;
        thread.join(limit.toMillis());
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        // Its credentials: the fault test enrolls hundreds of hosts a run.
        Folders.deleteTree(stateDir);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
