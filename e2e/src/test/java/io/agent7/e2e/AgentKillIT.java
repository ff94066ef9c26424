package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.FaultProxy;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The real agent ({@code java -jar agent.jar run}), killed with SIGKILL while it collects
 * this machine's processes and sends them, then started again from its state folder. The
 * test starts and ends {@code sleep} processes of its own (markers) for the agent to see
 * come and go. A batch is on disk before the agent counts it sent, so whatever the agent
 * collected reaches the index, even when the process it describes ended while the agent
 * was down; and each marker is one document, however often the agent restarted.
 */
@ExtendWith(ElasticsearchExtension.class)
class AgentKillIT {

    static final Duration SETTLE = Duration.ofSeconds(90);

    @Test
    void whatTheAgentCollectedArrivesOnceThoughItWasKilledWhileCollectingAndSending() throws Exception {
        URI es = TestElasticsearch.url();
        Path agentState = Files.createTempDirectory("agent7-e2e-agentkill-agent");
        Map<String, String> env = Map.of(
                "AGENT7_ELASTICSEARCH_URL",
                es.toString(),
                "AGENT7_STATE_DIR",
                Files.createTempDirectory("agent7-e2e-agentkill-server").toString(),
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD);
        Markers markers = new Markers();
        SpoolWatch spool = new SpoolWatch(agentState.resolve("spool"));
        try (ServiceProcess ingest = ServiceProcess.start("ingest-api", env);
                FaultProxy link = FaultProxy.to(ingest.url("/"));
                AgentProcess agent =
                        AgentProcess.enroll(link.url(), FleetSupport.fastGroupSiteKey(ingest.url("/")), agentState)) {
            String hostId = agent.hostId();
            agent.start();
            Awaitility.await()
                    .atMost(SETTLE)
                    .untilAsserted(() -> assertThat(present(es, hostId)).contains(agent.pid()));

            // 1. The server is unreachable: a marker is collected into the spool, the agent is killed,
            // the marker ends while the agent is down. Only the spooled batch can bring it in.
            link.set(FaultProxy.Mode.REFUSE);
            long spooledOnly = markers.start();
            Awaitility.await()
                    .atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> spool.scan().contains(spooledOnly));
            agent.kill();
            markers.end(spooledOnly);
            link.set(FaultProxy.Mode.PASS);
            agent.start();
            Awaitility.await()
                    .atMost(SETTLE)
                    .untilAsserted(() -> assertThat(documents(es, hostId, spooledOnly))
                            .as("the marker that ended while the agent was down, from its spool")
                            .hasSize(1));

            // 2. Killed at random moments while markers come and go and the agent sends as it collects.
            for (int kill = 0; kill < 3; kill++) {
                long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(4_000, 12_000) * 1_000_000;
                while (System.nanoTime() < until) {
                    markers.start();
                    if (markers.running().size() > 4) {
                        markers.end(markers.running().get(0));
                    }
                    spool.scan();
                    Thread.sleep(1_500);
                }
                agent.kill();
                spool.scan();
                markers.end(markers.running().get(0));
                agent.start();
            }

            Set<Long> collected = spool.seen();
            collected.retainAll(markers.all());
            Awaitility.await().atMost(SETTLE).untilAsserted(() -> {
                Set<Long> present = present(es, hostId);
                assertThat(present).as("markers running now").containsAll(markers.running());
                assertThat(present).as("markers ended").doesNotContainAnyElementsOf(markers.ended());
                for (long marker : collected) {
                    assertThat(documents(es, hostId, marker))
                            .as("marker %d, seen in the agent's spool", marker)
                            .hasSize(1);
                }
            });
            for (long marker : markers.all()) {
                assertThat(documents(es, hostId, marker))
                        .as("documents of marker %d: one, whatever the restarts", marker)
                        .hasSizeLessThanOrEqualTo(1);
            }
            System.out.printf(
                    "%d markers, %d of them seen in the spool; the agent was killed 4 times%n",
                    markers.all().size(), collected.size());
        } finally {
            markers.close();
        }
    }

    /** pids of the host's processes that are present. */
    private static Set<Long> present(URI es, String hostId) {
        Set<Long> pids = new java.util.HashSet<>();
        FleetSupport.indexed(es, hostId).present().keySet().forEach(pid -> pids.add((long) pid));
        return pids;
    }

    /** The host's documents of process {@code pid}. */
    private static List<JsonNode> documents(URI es, String hostId, long pid) {
        TestElasticsearch.refresh("agent7-process");
        JsonNode hits = TestElasticsearch.send(
                        es,
                        "POST",
                        "/agent7-process/_search",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + hostId + "\"}},"
                                + "{\"term\":{\"process.pid\":" + pid + "}}]}}}")
                .path("hits")
                .path("hits");
        List<JsonNode> documents = new ArrayList<>();
        hits.forEach(documents::add);
        return documents;
    }

    /** The real agent as its own JVM, with its state folder on disk. */
    static final class AgentProcess implements AutoCloseable {

        private final Path stateDir;
        private final String hostId;
        private Process process;
        private int starts;

        private AgentProcess(Path stateDir, String hostId) {
            this.stateDir = stateDir;
            this.hostId = hostId;
        }

        /** {@code agent.jar enroll}, as an administrator installing it would. */
        static AgentProcess enroll(URI server, String siteKey, Path stateDir) throws Exception {
            Process enroll = new ProcessBuilder(java(
                            "enroll",
                            "--server",
                            server.toString(),
                            "--site-key",
                            siteKey,
                            "--state-dir",
                            stateDir.toString()))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(enroll.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(enroll.waitFor(2, TimeUnit.MINUTES))
                    .as("enroll finished")
                    .isTrue();
            assertThat(enroll.exitValue()).as(output).isZero();
            JsonNode credentials = FleetSupport.JSON.readTree(
                    stateDir.resolve("credentials.json").toFile());
            return new AgentProcess(stateDir, credentials.path("host_id").asString());
        }

        void start() throws IOException {
            Path log = Path.of("target", "service-logs", "agent-kill-" + (++starts) + ".log")
                    .toAbsolutePath();
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(java("run", "--state-dir", stateDir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("the agent died")
                    .isTrue();
        }

        long pid() {
            return process.pid();
        }

        String hostId() {
            return hostId;
        }

        private static List<String> java(String... args) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-jar",
                    ServiceProcess.jar("agent").toString()));
            command.addAll(List.of(args));
            return command;
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                kill();
            }
        }
    }

    /** {@code sleep} processes the test starts and ends, for the agent to see come and go. */
    static final class Markers implements AutoCloseable {

        private final Map<Long, Process> processes = new ConcurrentHashMap<>();
        private final Deque<Long> running = new ArrayDeque<>();
        private final List<Long> ended = new ArrayList<>();

        long start() throws IOException {
            Process sleep = new ProcessBuilder("sleep", "900").start();
            processes.put(sleep.pid(), sleep);
            running.add(sleep.pid());
            return sleep.pid();
        }

        void end(long pid) throws InterruptedException {
            Process sleep = processes.get(pid);
            sleep.destroyForcibly();
            assertThat(sleep.waitFor(30, TimeUnit.SECONDS)).isTrue();
            running.remove(pid);
            ended.add(pid);
        }

        List<Long> running() {
            return List.copyOf(running);
        }

        List<Long> ended() {
            return List.copyOf(ended);
        }

        Set<Long> all() {
            return Set.copyOf(processes.keySet());
        }

        @Override
        public void close() {
            processes.values().forEach(Process::destroyForcibly);
        }
    }

    /**
     * The pids in the agent's spooled batches, read as they come and go: a batch the server
     * acknowledged is deleted, so the test sees only the batches that waited long enough to
     * be read, and asserts on those.
     */
    static final class SpoolWatch {

        private final Path dir;
        private final Set<Long> seen = ConcurrentHashMap.newKeySet();
        private final Set<Path> read = ConcurrentHashMap.newKeySet();

        SpoolWatch(Path dir) {
            this.dir = dir;
        }

        /** Reads the batches not read yet; answers every pid seen so far. */
        Set<Long> scan() {
            if (!Files.isDirectory(dir)) {
                return Set.copyOf(seen);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".ndjson.gz")).toList()) {
                    if (read.contains(file)) {
                        continue;
                    }
                    String text;
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        in.transferTo(out);
                        text = out.toString(StandardCharsets.UTF_8);
                    } catch (NoSuchFileException acknowledgedMeanwhile) {
                        continue; // sent and deleted between the listing and the read
                    }
                    read.add(file);
                    text.lines()
                            .map(FleetSupport.JSON::readTree)
                            .map(line -> line.path("upsert").path("process").path("pid"))
                            .filter(JsonNode::isNumber)
                            .forEach(pid -> seen.add(pid.asLong()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the agent's spool " + dir, e);
            }
            return Set.copyOf(seen);
        }

        Set<Long> seen() {
            return new java.util.HashSet<>(seen);
        }
    }
}
