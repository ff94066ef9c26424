package io.agent7.bench;

import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Command;
import io.agent7.protocol.CommandReport;
import io.agent7.protocol.CommandSignature;
import io.agent7.protocol.CommandsAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote response at fleet scale: simulated agents that long-poll one ingest API as real
 * agents do ({@code GET /api/v1/agents/commands?wait=30}), answer each command with a chunk of
 * output and a report. Prints the command round trip (written into {@code agent7-commands} as
 * the console writes it, to the agent's first output stored) for single-host commands and for
 * one command to every host; and the ingest API's threads and heap with no agent waiting and
 * with all of them waiting, side by side: a poll must not cost a thread.
 */
public final class ResponseBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ResponseBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "singles");
        URI es = URI.create(args.get("es"));
        URI ingest = URI.create(args.get("ingest"));
        URI management = URI.create(args.get("ingest-management"));
        long ingestPid = Long.parseLong(args.get("ingest-pid"));
        int hosts = args.integer("hosts", 1000);
        int singles = args.integer("singles", 200);
        KeyPair keys = CommandSignature.newKeyPair();

        Thread.sleep(5_000); // the ingest API settles after its start
        long idleThreads = threads(ingestPid);
        double idleHeap = FleetBenchmark.heapMb(management);
        System.out.printf("ingest API with no agent waiting: %d threads, heap %.0f MB%n", idleThreads, idleHeap);

        HttpClient http = ServerClient.client(null);
        List<Agent> agents = enroll(ingest, args.get("site-key"), hosts, http);
        Map<String, Long> firstOutput = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failures = new AtomicLong();
        for (Agent agent : agents) {
            Thread poller = new Thread(() -> agent.poll(running, firstOutput, failures), "poll-" + agent.hostId);
            poller.setDaemon(true);
            poller.start();
        }
        long deadline =
                System.nanoTime() + Duration.ofSeconds(Math.max(60, hosts / 50)).toNanos();
        while (waiting(management) < hosts && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        long holdingThreads = threads(ingestPid);
        double holdingHeap = FleetBenchmark.heapMb(management);
        System.out.printf(
                "ingest API holding %.0f polls: %d threads, heap %.0f MB%n",
                waiting(management), holdingThreads, holdingHeap);

        // Single-host commands, a few at a time, as responders send them.
        List<Long> single = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<Long>> sent = new ArrayList<>();
        for (int i = 0; i < singles; i++) {
            Agent target = agents.get(i % agents.size());
            sent.add(writers.submit(() ->
                    roundTrip(es, keys, List.of(target.hostId), firstOutput).get(0)));
            Thread.sleep(50);
        }
        for (Future<Long> f : sent) {
            single.add(f.get());
        }
        writers.shutdown();
        Latencies singleLatencies = Latencies.of(single);
        System.out.printf(
                "single-host commands: %d, created -> first output p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                singleLatencies.count(), singleLatencies.p50(), singleLatencies.p95(), singleLatencies.max());

        // One command to every host.
        long fleetStart = System.nanoTime();
        List<Long> fleet =
                roundTrip(es, keys, agents.stream().map(a -> a.hostId).toList(), firstOutput);
        double fleetSeconds = (System.nanoTime() - fleetStart) / 1e9;
        Latencies fleetLatencies = Latencies.of(fleet);
        long afterThreads = threads(ingestPid);
        System.out.printf(
                "fleet-wide command to %d hosts: every first output in %.1f s; p50 %.0f ms, p95 %.0f ms%n",
                fleet.size(), fleetSeconds, fleetLatencies.p50(), fleetLatencies.p95());

        running.set(false);
        System.out.printf(
                "RESULT hosts=%d single_p50=%.0fms single_p95=%.0fms fleet_p50=%.0fms fleet_p95=%.0fms"
                        + " fleet_all=%.1fs threads_idle=%d threads_holding=%d threads_after_fleet=%d"
                        + " heap_idle=%.0fMB heap_holding=%.0fMB failures=%d%n",
                hosts,
                singleLatencies.p50(),
                singleLatencies.p95(),
                fleetLatencies.p50(),
                fleetLatencies.p95(),
                fleetSeconds,
                idleThreads,
                holdingThreads,
                afterThreads,
                idleHeap,
                holdingHeap,
                failures.get());
        boolean ok = singleLatencies.p95() < 2_000 && holdingThreads - idleThreads < hosts / 10;
        System.out.println(
                ok
                        ? "OK: p95 under 2 s, and the waiting polls hold no thread each"
                        : "TARGET MISSED: p95 must be under 2 s, and threads must not grow with waiting agents");
        System.exit(ok && failures.get() == 0 ? 0 : 1);
    }

    /** One simulated agent: its host, and a client with its token. */
    private record Agent(String hostId, ServerClient client) {

        /** Long-polls until told to stop: each command gets one chunk of output, then a report. */
        void poll(AtomicBoolean running, Map<String, Long> firstOutput, AtomicLong failures) {
            while (running.get()) {
                try {
                    CommandsAnswer answer = client.commands(WAIT);
                    for (CommandsAnswer.Delivery delivery : answer.commands()) {
                        byte[] out = ("ran " + delivery.id() + "\n").getBytes(StandardCharsets.UTF_8);
                        client.commandOutput(delivery.id(), 0, out);
                        firstOutput.put(delivery.id(), System.nanoTime());
                        client.commandReport(
                                delivery.id(),
                                new CommandReport(
                                        CommandReport.State.DONE,
                                        Instant.now(),
                                        0L,
                                        false,
                                        out.length,
                                        null,
                                        null,
                                        "exited with 0"));
                    }
                } catch (ServerException e) {
                    failures.incrementAndGet();
                    sleep(1_000);
                }
            }
        }
    }

    private static List<Agent> enroll(URI ingest, String siteKey, int hosts, HttpClient http) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Agent>> enrolled = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < hosts; i++) {
            String name = "resp-bench-" + run + "-" + i;
            enrolled.add(pool.submit(() -> {
                ServerClient.Enrolled e = ServerClient.enroll(
                        ingest,
                        siteKey,
                        new HostFacts(name, name, "linux", "Debian GNU/Linux", "12", "6.1"),
                        "bench",
                        null);
                ServerClient client = new ServerClient(e.credentials(), "bench", Clock.systemUTC(), http);
                client.useToken(e.accessToken(), e.expiresAt());
                return new Agent(e.credentials().hostId(), client);
            }));
        }
        List<Agent> agents = new ArrayList<>();
        for (Future<Agent> f : enrolled) {
            agents.add(f.get());
        }
        pool.shutdown();
        System.out.printf("enrolled %d simulated agents%n", agents.size());
        return agents;
    }

    /**
     * Writes one signed command per host as the console does (one bulk, refresh=wait_for) and
     * waits for every host's first output; answers each one's created-to-output time.
     */
    private static List<Long> roundTrip(URI es, KeyPair keys, List<String> hostIds, Map<String, Long> firstOutput)
            throws InterruptedException {
        StringBuilder bulk = new StringBuilder();
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now();
        String request = "r-" + UUID.randomUUID();
        for (String host : hostIds) {
            Command command = new Command(
                    UUID.randomUUID().toString(),
                    host,
                    Command.Action.PROCESS_LIST,
                    List.of(),
                    Map.of(),
                    false,
                    Command.DEFAULT_TIMEOUT,
                    Command.DEFAULT_OUTPUT_CAP,
                    now,
                    now.plusSeconds(900),
                    UUID.randomUUID().toString());
            ids.add(command.id());
            ObjectNode doc = Http.JSON.createObjectNode();
            doc.put("@timestamp", now.toString());
            doc.putObject("agent7").put("type", "command");
            doc.putObject("host").put("id", host);
            doc.putObject("user").put("name", "bench");
            doc.putObject("command")
                    .put("id", command.id())
                    .put("request_id", request)
                    .put("action", command.action().wire())
                    .put("state", "queued")
                    .put("signed", CommandSignature.sign(command, keys.getPrivate()))
                    .put("created_at", now.toString())
                    .put("expires_at", command.expiresAt().toString());
            bulk.append("{\"create\":{\"_index\":\"agent7-commands\",\"_id\":\"")
                    .append(command.id())
                    .append("\"}}\n")
                    .append(doc)
                    .append('\n');
        }
        long created = System.nanoTime();
        var answer = Http.send(
                es.resolve("/_bulk?refresh=wait_for"),
                "POST",
                "application/x-ndjson",
                bulk.toString().getBytes(StandardCharsets.UTF_8),
                null);
        if (answer.path("errors").asBoolean()) {
            throw new IllegalStateException("Elasticsearch refused commands: " + answer);
        }
        long deadline = created + Duration.ofMinutes(5).toNanos();
        List<Long> took = new ArrayList<>();
        for (String id : ids) {
            Long at;
            while ((at = firstOutput.get(id)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("command " + id + " had no output after 5 minutes");
                }
                Thread.sleep(20);
            }
            took.add(at - created);
        }
        return took;
    }

    /** The polls the ingest API holds; -1 when its metrics did not answer (busy taking thousands of connections). */
    private static double waiting(URI management) {
        try {
            return Prometheus.scrape(management).sum("agent7_commands_waiting_polls", "");
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private static long threads(long pid) throws IOException {
        return ProcStatus.field(pid, "Threads");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
