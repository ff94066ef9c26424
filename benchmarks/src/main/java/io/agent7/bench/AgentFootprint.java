package io.agent7.bench;

import io.agent7.agent.AgentUnit;
import io.agent7.agent.ClassArchive;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real agent, as systemd runs it, on this machine for one hour of its default policy
 * compressed into a shorter run (every interval divided by {@code --compress}): its resident
 * memory and CPU, sampled every second from /proc, and the bytes it sends in differential
 * batches against what full snapshots at every collection would have cost.
 */
public final class AgentFootprint {

    static final long CLOCK_TICKS = 100;

    private AgentFootprint() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "minutes", "compress", "connections", "ca-cert");
        URI ingest = URI.create(args.get("ingest"));
        // The CA of an HTTPS ingest API: the agent pins it at enrollment, as agents in the field do.
        String caCert = args.get("ca-cert", null);
        if (caCert != null) {
            Http.trust(Files.readString(Path.of(caCert)));
        }
        String admin = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + args.get("admin-password")).getBytes(StandardCharsets.UTF_8));
        int minutes = args.integer("minutes", 10);
        int compress = args.integer("compress", 6);
        String jar = args.get("agent-jar");
        // A busy server: this many established loopback connections (two sockets each) for the agent to collect.
        holdConnections(args.integer("connections", 0));

        ObjectNode policy =
                (ObjectNode) Http.send(ingest.resolve("/api/v1/admin/policies/footprint"), "GET", null, null, admin);
        ObjectNode spec = compressed(policy, compress);
        Http.send(
                ingest.resolve("/api/v1/admin/policies/footprint"),
                "PUT",
                "application/json",
                Http.JSON.writeValueAsBytes(spec),
                admin);
        String siteKey = siteKey(ingest, admin, "footprint");
        Path state = Files.createTempDirectory("agent7-footprint");
        List<String> enroll = new ArrayList<>(List.of(
                java(),
                "-jar",
                jar,
                "enroll",
                "--server",
                ingest.toString(),
                "--site-key",
                siteKey,
                "--state-dir",
                state.toString()));
        if (caCert != null) {
            enroll.addAll(List.of("--ca-cert", caCert));
        }
        run(enroll);

        // Exactly as install sets it up and the systemd unit runs it: the class-data archive written
        // by a first round, then the unit's JVM options and environment.
        String unit = AgentUnit.text();
        long trainingStart = System.nanoTime();
        Path archive = ClassArchive.write(unit, java(), jar, state, java.time.Duration.ofMinutes(3));
        System.out.printf(
                "Class-data archive: %d MB, written by a first round in %.1f s%n",
                Files.size(archive) >> 20, (System.nanoTime() - trainingStart) / 1e9);
        // The agent's statistics are per run: the first round's (its first snapshots) are kept aside.
        Path firstRound = state.resolve("first-round-stats.json");
        Files.move(state.resolve("stats.json"), firstRound);
        List<String> command =
                AgentUnit.command(unit, java(), jar, state, List.of(), "run", "--state-dir", state.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("agent.log").toFile());
        builder.environment().putAll(AgentUnit.environment(unit));
        System.out.printf(
                "Agent as the unit runs it: %s %s%n", AgentUnit.environment(unit), AgentUnit.jvmOptions(unit, state));
        Process agent = builder.start();
        System.out.printf(
                "Agent pid %d; %d minutes = one hour of the default policy compressed %dx%n",
                agent.pid(), minutes, compress);
        long pid = agent.pid();
        long warmup = 60;
        List<Long> rss = new ArrayList<>();
        long cpuAtWarmup = 0;
        long maxRss = 0;
        long maxRssWarmup = 0; // the JVM's start and the agent's first check-in and collections
        long seconds = minutes * 60L;
        for (long s = 0; s < seconds && agent.isAlive(); s++) {
            Thread.sleep(1000);
            long kb = rssKb(pid);
            if (s == warmup) {
                cpuAtWarmup = cpuTicks(pid);
            }
            if (s >= warmup) {
                rss.add(kb);
                maxRss = Math.max(maxRss, kb);
            } else {
                maxRssWarmup = Math.max(maxRssWarmup, kb);
            }
            if (s % 60 == 59) {
                System.out.printf(
                        "  minute %d: RSS %d MB, CPU %.1f s so far%n",
                        (s + 1) / 60, kb / 1024, cpuTicks(pid) / (double) CLOCK_TICKS);
            }
        }
        long cpuEnd = cpuTicks(pid);
        agent.destroy();
        agent.waitFor(20, TimeUnit.SECONDS);
        double steadySeconds = seconds - warmup;
        double cpuPercent = 100.0 * (cpuEnd - cpuAtWarmup) / CLOCK_TICKS / steadySeconds;
        double avgRss = rss.stream().mapToLong(Long::longValue).average().orElse(0) / 1024;

        JsonNode stats = Http.JSON.readTree(state.resolve("stats.json").toFile());
        JsonNode first = Http.JSON.readTree(firstRound.toFile()).path("types");
        long diffBytes = 0;
        long snapshotEquivalent = 0;
        long firstSnapshots = 0;
        for (Map.Entry<String, JsonNode> e : stats.path("types").properties()) {
            JsonNode t = e.getValue();
            JsonNode f = first.path(e.getKey());
            diffBytes += t.path("diff_bytes").asLong();
            firstSnapshots += f.path("snapshot_bytes").asLong();
            // What a full snapshot of the type costs: the latest one sent, in this run or the first round.
            long snapshotBytes = t.path("last_snapshot_bytes").asLong() > 0
                    ? t.path("last_snapshot_bytes").asLong()
                    : f.path("last_snapshot_bytes").asLong();
            snapshotEquivalent += t.path("collections").asLong() * snapshotBytes;
        }
        String measure = run(AgentUnit.command(unit, java(), jar, state, List.of(), "measure"));
        System.out.println("One full collection (agent measure under the unit's JVM options, after a warm-up round):");
        System.out.print(measure);
        long failed = Files.readAllLines(state.resolve("agent.log")).stream()
                .filter(l -> l.contains("collection failed"))
                .count();
        System.out.printf(
                "Collections that failed: %d%s%n",
                failed, failed == 0 ? "" : " (see " + state.resolve("agent.log") + ")");
        System.out.printf(
                "RESULT rss_max_mb=%.1f rss_avg_mb=%.1f (target <= 64, after the first minute; in the first minute"
                        + " max %.1f) cpu_avg_percent_of_one_core=%.2f (target <= 2)%n",
                maxRss / 1024.0, avgRss, maxRssWarmup / 1024.0, cpuPercent);
        System.out.printf(
                "RESULT network_bytes_per_hour: differential=%d, full snapshots at every collection=%d, "
                        + "ratio=%.3f; first snapshots (once per type)=%d%n",
                diffBytes,
                snapshotEquivalent,
                snapshotEquivalent == 0 ? 0 : (double) diffBytes / snapshotEquivalent,
                firstSnapshots);
        System.out.println("Agent state and log: " + state);
    }

    /** A new site key that enrolls hosts into {@code group}. */
    static String siteKey(URI ingest, String admin, String group) {
        return Http.send(
                        ingest.resolve("/api/v1/admin/site-keys"),
                        "POST",
                        "application/json",
                        ("{\"name\":\"" + group + "\",\"group\":\"" + group + "\"}").getBytes(StandardCharsets.UTF_8),
                        admin)
                .path("site_key")
                .asString();
    }

    /** Open until the benchmark exits: an unreachable socket would be closed by its cleaner. */
    private static final List<java.net.Socket> HELD = new ArrayList<>();

    /** Opens {@code count} loopback TCP connections and keeps both ends open until the benchmark exits. */
    static void holdConnections(int count) throws IOException {
        if (count == 0) {
            return;
        }
        List<java.net.Socket> sockets = HELD;
        var server = new java.net.ServerSocket(0, count, java.net.InetAddress.getLoopbackAddress());
        for (int i = 0; i < count; i++) {
            sockets.add(new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort()));
            sockets.add(server.accept());
        }
        System.out.printf(
                "Holding %d loopback connections (%d sockets) for the agent to collect%n", count, sockets.size());
    }

    /** The group's policy with every interval divided by {@code factor}, kept within what the server accepts. */
    static ObjectNode compressed(ObjectNode policy, int factor) {
        ObjectNode spec = Http.JSON.createObjectNode();
        spec.putObject("checkin")
                .put("min", seconds(policy.path("checkin").path("min").asString(), factor, 5))
                .put("max", seconds(policy.path("checkin").path("max").asString(), factor, 5));
        spec.put(
                "full_snapshot_interval",
                seconds(policy.path("full_snapshot_interval").asString(), factor, 600));
        ObjectNode collectors = spec.putObject("collectors");
        for (Map.Entry<String, JsonNode> e : policy.path("collectors").properties()) {
            collectors
                    .putObject(e.getKey())
                    .put("enabled", e.getValue().path("enabled").asBoolean())
                    .put("interval", seconds(e.getValue().path("interval").asString(), factor, 10));
        }
        return spec;
    }

    /** A policy duration ("20s", "5m", "1h", "1d") divided by {@code factor}, in seconds, at least {@code minimum}. */
    static String seconds(String duration, int factor, long minimum) {
        long n = Long.parseLong(duration.replaceAll("\\D", ""));
        long s = switch (duration.replaceAll("\\d", "")) {
            case "ms" -> n / 1000;
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> throw new IllegalArgumentException("Not a policy duration: " + duration);
        };
        return Math.max(minimum, s / factor) + "s";
    }

    static long rssKb(long pid) throws IOException {
        return ProcStatus.field(pid, "VmRSS");
    }

    static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /**
     * The CPU ticks of process {@code pid}'s threads whose name (as the kernel keeps it, 15
     * characters) starts with one of {@code prefixes}: what its JIT compiler or its garbage
     * collector cost. A thread that has ended counts no more, so this is at least what they
     * spent; HotSpot keeps its first compiler thread of each kind and its collector's threads.
     */
    static long threadCpuTicks(long pid, List<String> prefixes) throws IOException {
        long ticks = 0;
        try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // ended since the listing
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (prefixes.stream().anyMatch(name::startsWith)) {
                    ticks += ticks(stat);
                }
            }
        }
        return ticks;
    }

    /** User and system ticks of a /proc stat line. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
