package io.agent7.simulator;

import io.agent7.schema.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar simulator.jar --server URL --site-key KEY ...}: a fleet of virtual hosts
 * through the real protocol, until stopped or {@code --minutes} are over. Exit codes: 0 done,
 * 1 failed, 2 bad usage.
 */
public final class Main {

    static final String USAGE = """
            Usage: simulator --server URL --site-key KEY [--hosts N] [--ca-cert FILE] [--seed S] [--minutes M] [--workers W]
              virtual Windows and Linux hosts (500 by default) that enroll and report through the real protocol,
              each run by the agent's own scheduling; the same --seed gives the same fleet
            """;

    private static final Set<String> OPTIONS =
            Set.of("server", "site-key", "hosts", "ca-cert", "seed", "minutes", "workers");

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        FleetSimulator.Options options;
        try {
            options = options(parse(args));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("Could not read the CA certificate: " + e.getMessage());
            return 1;
        }
        // The composition root: the one place the simulator takes the schema from.
        FleetSimulator simulator = new FleetSimulator(options, Schema.standard());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop));
        try {
            out.printf(
                    "Enrolled %d simulated hosts in %ds%n",
                    options.hosts(), simulator.enroll(out).toSeconds());
            simulator.run();
            return 0;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("Failed: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !OPTIONS.contains(arg.substring(2))) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
            options.put(arg.substring(2), args[++i]);
        }
        if (!options.containsKey("server") || !options.containsKey("site-key")) {
            throw new IllegalArgumentException("The simulator needs --server URL and --site-key KEY");
        }
        return options;
    }

    static FleetSimulator.Options options(Map<String, String> options) throws IOException {
        String caPem = options.containsKey("ca-cert")
                ? Files.readString(Path.of(options.get("ca-cert")), StandardCharsets.US_ASCII)
                : null;
        return new FleetSimulator.Options(
                URI.create(options.get("server")),
                options.get("site-key"),
                caPem,
                (int) number(options, "hosts", 500),
                number(options, "seed", 7),
                // Ten years: until stopped.
                Duration.ofMinutes(number(options, "minutes", 5_256_000)),
                workers(options),
                Duration.ofSeconds(1));
    }

    private static int workers(Map<String, String> options) {
        long workers = number(options, "workers", 32);
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("--workers must be between 1 and 1024, got " + workers);
        }
        return (int) workers;
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number of 0 or more, got '" + text + "'");
        }
    }
}
