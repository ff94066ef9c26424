package io.agent7.agent;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.process.win32.HostReader;
import io.agent7.agent.runtime.AgentRuntime;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.state.HostReport;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;

/**
 * {@code agent enroll|run|collect|measure|install|uninstall|version}. Exit codes: 0 done, 1 failed, 2 bad usage,
 * 3 credentials revoked (enroll again).
 */
public final class Main {

    static final String USAGE = """
            Usage: agent <command> [options]
              enroll --server URL[,URL...] --site-key KEY [--ca-cert FILE] [--state-dir DIR]
                                                                       enroll this host; the server's CA is pinned;
                                                                       with several ingest APIs, the agent goes on
                                                                       with the next when one cannot be reached
              run [--state-dir DIR] [--once]                         collect and send until stopped (--once: one round)
              collect TYPE                                           print what a collector finds, as NDJSON
              measure [--directory] [--state-dir DIR]                one full collection, with each collector's CPU time
                                                                       (--directory: the Active Directory collectors)
              install --server URL --site-key KEY [--ca-cert FILE]   enroll (if needed) and run under systemd, or as
                                                                       a Windows service (docs/AGENT-WINDOWS.md)
              uninstall [--purge]                                    stop and remove (--purge: and the state)
              service [--state-dir DIR]                              run as a Windows service (what install registers)
              version                                                  print the agent version
            """;

    /** smbj reports every SMB session at INFO; the agent's log keeps its own lines and smbj's warnings. */
    private static final java.util.logging.Logger SMB_LOG = java.util.logging.Logger.getLogger("com.hierynomus");

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s - %5$s%6$s%n");
        SMB_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path stateDir = Path.of(options.getOrDefault("state-dir", defaultStateDir()));
        // The composition root: the one place the agent takes the schema from.
        Schema schema = Schema.standard();
        try {
            return switch (args[0]) {
                case "enroll" -> enroll(options, stateDir, out, err);
                case "run" -> runAgent(options, stateDir, schema, err, Main::stopOnShutdown);
                case "service" ->
                    io.agent7.agent.windows.AgentService.run(
                            stateDir, whenStoppable -> runAgent(options, stateDir, schema, err, whenStoppable));
                case "collect" -> collect(args, schema, stateDir, out, err);
                case "measure" -> measure(schema, stateDir, options.containsKey("directory"), out);
                case "install" -> {
                    if (windows()) {
                        // Before the enrollment writes the credentials: %ProgramData% lets Users read.
                        io.agent7.agent.windows.WindowsInstaller.secureStateFolder(stateDir);
                    }
                    if (!Credentials.exist(stateDir)) {
                        int enrolled = enroll(options, stateDir, out, err);
                        if (enrolled != 0) {
                            yield enrolled;
                        }
                    }
                    if (windows()) {
                        new io.agent7.agent.windows.WindowsInstaller(out).install(stateDir);
                    } else {
                        new Installer(out).install(stateDir);
                    }
                    yield 0;
                }
                case "uninstall" -> {
                    if (windows()) {
                        new io.agent7.agent.windows.WindowsInstaller(out)
                                .uninstall(stateDir, options.containsKey("purge"));
                    } else {
                        new Installer(out).uninstall(stateDir, options.containsKey("purge"));
                    }
                    yield 0;
                }
                case "version" -> {
                    out.println(version());
                    yield 0;
                }
                default -> {
                    err.println("Unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ServerException e) {
            err.println(e.getMessage());
            return e.unauthorized() ? 3 : 1;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("Failed: " + e.getMessage());
            return 1;
        }
    }

    private static int enroll(Map<String, String> options, Path stateDir, PrintStream out, PrintStream err)
            throws ServerException, IOException {
        String server = options.get("server");
        String siteKey = options.get("site-key");
        if (server == null || siteKey == null) {
            err.println("enroll needs --server URL and --site-key KEY");
            return 2;
        }
        // On Windows the registry and the Win32 API name the host (MachineGuid, the build as
        // winver shows it); OSHI's portable facts serve the other systems.
        HostFacts host = windows() ? HostReader.enrollmentFacts() : HostFacts.detect(new SystemInfo());
        String caPem = options.containsKey("ca-cert")
                ? java.nio.file.Files.readString(
                        Path.of(options.get("ca-cert")), java.nio.charset.StandardCharsets.US_ASCII)
                : null;
        // Several ingest APIs, comma-separated: the agent goes on with the next when one cannot be reached.
        List<URI> servers = java.util.Arrays.stream(server.split(","))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .map(URI::create)
                .toList();
        ServerClient.Enrolled enrolled = ServerClient.enroll(servers, siteKey, host, version(), caPem);
        enrolled.credentials().save(stateDir);
        out.println("Enrolled host " + host.hostName() + " as agent "
                + enrolled.credentials().agentId() + " (host id "
                + enrolled.credentials().hostId() + "); credentials in " + stateDir.resolve(Credentials.FILE));
        return 0;
    }

    /**
     * Runs the agent until it is stopped; {@code whenStoppable} is handed how to stop it once it
     * can be stopped (a shutdown hook from a console or systemd, the control handler of the
     * Windows service).
     */
    private static int runAgent(
            Map<String, String> options,
            Path stateDir,
            Schema schema,
            PrintStream err,
            java.util.function.Consumer<Runnable> whenStoppable)
            throws IOException, InterruptedException {
        Credentials credentials = Credentials.load(stateDir);
        AgentConfig config = AgentConfig.load(stateDir);
        java.util.logging.Logger.getLogger("io.agent7").setLevel(java.util.logging.Level.parse(config.logLevel()));
        if (ClassArchive.configuredButUnused(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.vm.info"))) {
            java.util.logging.Logger.getLogger("io.agent7")
                    .warning("The class-data archive " + stateDir.resolve(ClassArchive.FILE)
                            + " is not in use (missing, or written by another JDK or agent jar): the agent runs with about 3 MB"
                            + " more memory until 'install' writes it again");
        }
        ServerClient server = new ServerClient(credentials, version(), Clock.systemUTC());
        SystemInfo system = new SystemInfo();
        HostReport host = new HostReport(system);
        AgentRuntime runtime = new AgentRuntime(
                server,
                Collectors.forThisHost(system, schema, stateDir),
                stateDir,
                config.spoolMaxBytes(),
                Clock.systemUTC(),
                version(),
                host::report);
        if (!options.containsKey("once")) {
            startCommandChannel(server, credentials, runtime, system, schema, stateDir);
        }
        whenStoppable.accept(runtime::stop);
        boolean ok = runtime.run(options.containsKey("once"));
        if (!ok) {
            err.println("Stopped: the server revoked this agent's credentials. Run enroll again.");
            return 3;
        }
        return 0;
    }

    /** Stops the agent when the JVM is asked to exit, and lets its current round end (10 s at most). */
    private static void stopOnShutdown(Runnable stop) {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /**
     * Remote response: a thread that long-polls for commands, checks each against the key pinned
     * at enrollment and this host's response.properties, and runs what passes.
     */
    private static void startCommandChannel(
            ServerClient server,
            Credentials credentials,
            io.agent7.agent.runtime.AgentRuntime runtime,
            SystemInfo system,
            Schema schema,
            Path stateDir)
            throws IOException {
        var local = io.agent7.agent.respond.ResponseConfig.load(stateDir);
        var pinned = credentials.commandKeyPem() == null
                ? null
                : io.agent7.protocol.CommandSignature.decodePublicKey(credentials.commandKeyPem());
        var os = system.getOperatingSystem();
        var gate = new io.agent7.agent.respond.CommandGate(
                pinned,
                credentials.hostId(),
                local,
                io.agent7.agent.respond.SeenCommands.open(stateDir, Clock.systemUTC()),
                Clock.systemUTC());
        var executor = new io.agent7.agent.respond.CommandExecutor(new io.agent7.agent.respond.BuiltInActions(
                io.agent7.agent.respond.BuiltInActions.processes(
                        new io.agent7.agent.collect.ProcessCollector(schema, os),
                        pid -> java.util.Optional.ofNullable(os.getProcess((int) pid))
                                .filter(p -> p.getStartTime() > 0)
                                .map(p -> java.time.Instant.ofEpochMilli(p.getStartTime()))),
                runtime::collectNow));
        var commands = new io.agent7.agent.respond.CommandChannel(
                io.agent7.agent.respond.CommandChannel.Server.of(server),
                gate,
                executor,
                stateDir,
                Clock.systemUTC(),
                runtime::running);
        runtime.afterCheckin(commands::checkedIn);
        Thread channel = new Thread(commands, "agent7-commands");
        channel.setDaemon(true);
        channel.start();
    }

    private static int collect(String[] args, Schema schema, Path stateDir, PrintStream out, PrintStream err) {
        var collectors = Collectors.forThisHost(new SystemInfo(), schema, stateDir);
        var collector = args.length < 2
                ? null
                : collectors.stream()
                        .filter(c -> c.type().name().equals(args[1]))
                        .findFirst()
                        .orElse(null);
        if (collector == null) {
            err.println("collect needs a type; on this host: "
                    + String.join(
                            ", ",
                            collectors.stream()
                                    .map(c -> c.type().name())
                                    .sorted()
                                    .toList()));
            return 2;
        }
        collector.collect(doc -> out.println(JsonTrees.string(doc)));
        return 0;
    }

    /** One full collection of every collector, with the CPU time each took: the footprint benchmark's figure. */
    private static int measure(Schema schema, Path stateDir, boolean directory, PrintStream out) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        // The host's own collectors, or (--directory) the domain's, which need directory.properties.
        var collectors = Collectors.forThisHost(new SystemInfo(), schema, stateDir).stream()
                .filter(c -> c.type().domainScoped() == directory)
                .toList();
        // A first round loads classes and warms the JIT, as a long-running agent already has. Not for
        // the directory: it is collected seldom (daily by default), cold, and its figure is one collection's.
        if (!directory) {
            collectors.forEach(Collector::collect);
        }
        long totalCpu = 0;
        long totalWall = 0;
        for (Collector collector : collectors) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int[] items = {0};
            collector.collect(doc -> items[0]++);
            long usedCpu = threads.getCurrentThreadCpuTime() - cpu;
            long usedWall = System.nanoTime() - wall;
            totalCpu += usedCpu;
            totalWall += usedWall;
            out.printf(
                    "%-20s %6d items %8.1f ms CPU %8.1f ms wall%n",
                    collector.type().name(), items[0], usedCpu / 1e6, usedWall / 1e6);
        }
        out.printf("%-20s %6s       %8.1f ms CPU %8.1f ms wall%n", "TOTAL", "", totalCpu / 1e6, totalWall / 1e6);
        peakRss().ifPresent(kb -> out.printf("%-20s %6d kB%n", "PEAK_RSS", kb));
        return 0;
    }

    /** The process's peak resident set size (VmHWM), where /proc tells it. */
    private static java.util.Optional<Long> peakRss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return java.util.Optional.empty();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (args[0].equals("collect") && i == 1) {
                    continue;
                }
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (name.equals("once") || name.equals("purge") || name.equals("directory")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return options;
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    static String defaultStateDir() {
        if (windows()) {
            return System.getenv().getOrDefault("ProgramData", "C:\\ProgramData") + "\\Agent7";
        }
        return "root".equals(System.getProperty("user.name"))
                ? "/var/lib/agent7"
                : System.getProperty("user.home") + "/.agent7-agent";
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
