package io.agent7.simulator;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.schema.Schema;
import io.agent7.simulator.host.VirtualHost;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many virtual Windows and Linux hosts in one JVM, enrolling and posting through the real
 * protocol, each run by the agent's own scheduling ({@link SimulatedHost}). The load generator
 * of every benchmark, and the demo fleet of {@code ./agent7 demo}.
 */
public final class FleetSimulator {

    /**
     * @param servers the ingest APIs: host {@code i} enrolls with (and then talks to) server
     *                {@code i} modulo their number, as a fleet spread over a load balancer's targets
     * @param workers threads making calls; each host's work runs on one at a time
     * @param tick    how often each host looks at what is due
     */
    public record Options(
            List<URI> servers,
            String siteKey,
            String caPem,
            int hosts,
            long seed,
            Duration duration,
            int workers,
            Duration tick) {

        public Options {
            servers = List.copyOf(servers);
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("a fleet needs at least one ingest API");
            }
        }

        /** A fleet of one ingest API. */
        public Options(
                URI server,
                String siteKey,
                String caPem,
                int hosts,
                long seed,
                Duration duration,
                int workers,
                Duration tick) {
            this(List.of(server), siteKey, caPem, hosts, seed, duration, workers, tick);
        }

        URI serverOf(int host) {
            return servers.get(host % servers.size());
        }
    }

    private final Options options;
    private final Schema schema;
    private final FleetStats stats = new FleetStats();
    private final List<SimulatedHost> hosts = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running = true;

    public FleetSimulator(Options options, Schema schema) {
        this.options = options;
        this.schema = schema;
    }

    public FleetStats stats() {
        return stats;
    }

    public void stop() {
        running = false;
    }

    /** Enrolls every host, several at a time; answers how long it took. */
    public Duration enroll(PrintStream out) throws Exception {
        HttpClient http = ServerClient.client(options.caPem());
        Instant start = clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(64, options.workers()));
        try {
            List<Future<SimulatedHost>> enrolled = new ArrayList<>();
            for (int i = 0; i < options.hosts(); i++) {
                int index = i;
                enrolled.add(pool.submit(() -> {
                    VirtualHost host = VirtualHost.create(options.seed(), index, clock.instant());
                    Credentials credentials = enrollWithRetry(host, options.serverOf(index));
                    return new SimulatedHost(
                            host,
                            new ServerClient(credentials, "simulated", clock, http),
                            stats,
                            schema,
                            clock,
                            // The same fleet keeps the same rhythm from one run to the next.
                            new SplittableRandom(options.seed() * 1_000_003L + index));
                }));
            }
            for (Future<SimulatedHost> f : enrolled) {
                hosts.add(f.get());
                if (hosts.size() % 500 == 0) {
                    out.printf("enrolled %d hosts%n", hosts.size());
                }
            }
        } finally {
            pool.shutdown();
        }
        return Duration.between(start, clock.instant());
    }

    private Credentials enrollWithRetry(VirtualHost host, URI server) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return ServerClient.enroll(server, options.siteKey(), host.facts(), "simulated", options.caPem())
                        .credentials();
            } catch (ServerException e) {
                if (!e.retryable() || attempt > 20) {
                    throw e;
                }
                Thread.sleep(e.retryAfter().toMillis());
            }
        }
    }

    /** Runs the fleet until the duration is over or {@link #stop()}. */
    public void run() throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "fleet-worker");
            t.setDaemon(true);
            return t;
        });
        Instant end = clock.instant().plus(options.duration());
        try {
            while (running && clock.instant().isBefore(end)) {
                long roundStart = System.nanoTime();
                for (SimulatedHost host : hosts) {
                    if (host.claim()) {
                        workers.execute(host::work);
                    }
                }
                long spent = (System.nanoTime() - roundStart) / 1_000_000;
                Thread.sleep(Math.max(10, options.tick().toMillis() - spent));
            }
        } finally {
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /** Batches waiting in the hosts' in-memory spools. */
    public int pending() {
        return hosts.stream().mapToInt(SimulatedHost::pending).sum();
    }

    public int size() {
        return hosts.size();
    }
}
