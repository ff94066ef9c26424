package io.agent7.bench;

import io.agent7.agent.AgentUnit;
import io.agent7.agent.ClassArchive;
import io.agent7.agent.collect.directory.AdDocuments;
import io.agent7.agent.collect.directory.DirectoryConfig;
import io.agent7.agent.collect.directory.DirectoryReader;
import io.agent7.agent.collect.directory.DirectorySettings;
import io.agent7.agent.collect.directory.Ldap;
import io.agent7.testkit.Folders;
import io.agent7.testkit.SambaDomainController;
import io.agent7.testkit.TestDirectory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * One full directory collection of a large domain by the real agent, as systemd runs it: a
 * Samba AD DC populated with {@code --users} users and {@code --groups} groups nested up to
 * {@code --nesting} deep, collected by {@code agent run --once} with a policy that turns on the
 * directory types only, through the ingest API into Elasticsearch. Prints the agent's wall
 * time, CPU and peak RSS (sampled from /proc), the per-type breakdown of
 * {@code agent measure --directory}, and the baseline beside them: the same users and groups
 * read raw over the same paged LDAP searches, in this JVM, with no mapping.
 * Targets (issue 23): under 60 s and under 128 MB RSS for 10,000 users.
 */
public final class DirectoryBenchmark {

    private DirectoryBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "users", "groups", "nesting", "address");
        int users = args.integer("users", 10_000);
        int groups = args.integer("groups", 2_000);
        int nesting = args.integer("nesting", 5);
        URI ingest = URI.create(args.get("ingest"));
        URI es = URI.create(args.get("es"));
        String admin = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + args.get("admin-password")).getBytes(StandardCharsets.UTF_8));
        String jar = args.get("agent-jar");
        // Open to others: the DC's file server reaches SYSVOL below it as an unprivileged user.
        Path work = Files.createTempDirectory(
                "agent7-bench-directory",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (SambaDomainController dc =
                SambaDomainController.start(work.resolve("dc"), args.get("address", "127.0.0.1"))) {
            TestDirectory.Population population;
            try (TestDirectory directory = TestDirectory.on(dc)) {
                population = directory.populate(users, groups, nesting);
            }
            System.out.printf(
                    "Samba AD DC at %s populated with %d users and %d groups, nested up to %d deep, in %.1f s%n",
                    dc.ldapsUrl(),
                    population.users(),
                    population.groups(),
                    population.maxNesting(),
                    population.took().toMillis() / 1000.0);

            // The group the collecting host is in: the directory types on, everything else off.
            ObjectNode spec = Http.JSON.createObjectNode();
            spec.putObject("checkin").put("min", "5s").put("max", "5s");
            ObjectNode collectors = spec.putObject("collectors");
            ObjectNode defaults = (ObjectNode)
                    Http.send(ingest.resolve("/api/v1/admin/policies/directory"), "GET", null, null, admin);
            defaults.path("collectors")
                    .properties()
                    .forEach(e -> collectors.putObject(e.getKey()).put("enabled", false));
            for (String type : List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo", "sysvol_file")) {
                collectors
                        .putObject(type)
                        .put("enabled", true)
                        .put("interval", "1h")
                        .put("time_budget", "10m");
            }
            Http.send(
                    ingest.resolve("/api/v1/admin/policies/directory"),
                    "PUT",
                    "application/json",
                    Http.JSON.writeValueAsBytes(spec),
                    admin);
            String siteKey = AgentFootprint.siteKey(ingest, admin, "directory");
            Path state = work.resolve("agent");
            Files.createDirectories(state);
            AgentFootprint.run(List.of(
                    AgentFootprint.java(),
                    "-jar",
                    jar,
                    "enroll",
                    "--server",
                    ingest.toString(),
                    "--site-key",
                    siteKey,
                    "--state-dir",
                    state.toString()));
            Path settingsFile = state.resolve(DirectoryConfig.FILE);
            Files.writeString(
                    settingsFile,
                    "domain=" + dc.domain() + "\nservers=" + dc.ldapsUrl() + "\nuser="
                            + dc.adminUser() + "@" + dc.domain() + "\npassword=" + dc.adminPassword() + "\nca_file="
                            + dc.caCertificate() + "\nsysvol_server=" + dc.address() + "\n");
            Files.setPosixFilePermissions(settingsFile, PosixFilePermissions.fromString("rw-------"));
            DirectorySettings settings = DirectoryConfig.load(state);

            // Baseline: the same paged searches, entries read and dropped.
            long baselineStart = System.nanoTime();
            AtomicLong entries = new AtomicLong();
            try (Ldap ldap = Ldap.connect(settings)) {
                DirectoryReader reader = new DirectoryReader(ldap, settings.domain());
                reader.users(e -> entries.incrementAndGet());
                reader.computers(e -> entries.incrementAndGet());
                ldap.search(
                        "groups",
                        reader.domain().baseDn(),
                        com.unboundid.ldap.sdk.SearchScope.SUB,
                        "(objectClass=group)",
                        AdDocuments.GROUP_ATTRIBUTES,
                        e -> entries.incrementAndGet());
            }
            double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
            System.out.printf(
                    "Baseline: %d user, computer and group entries read raw over paged LDAP in %.1f s%n",
                    entries.get(), baselineSeconds);

            String unit = AgentUnit.text();
            ClassArchive.write(unit, AgentFootprint.java(), jar, state, Duration.ofMinutes(3));
            List<String> command = AgentUnit.command(
                    unit,
                    AgentFootprint.java(),
                    jar,
                    state,
                    List.of(),
                    "run",
                    "--once",
                    "--state-dir",
                    state.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(state.resolve("agent.log").toFile());
            builder.environment().putAll(AgentUnit.environment(unit));
            long start = System.nanoTime();
            Process agent = builder.start();
            long maxRss = 0;
            long cpu = 0;
            while (!agent.waitFor(100, TimeUnit.MILLISECONDS)) {
                try {
                    maxRss = Math.max(maxRss, peakRssKb(agent.pid()));
                    cpu = AgentFootprint.cpuTicks(agent.pid());
                } catch (java.io.IOException gone) {
                    // exited between the wait and the read
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (agent.exitValue() != 0) {
                throw new IllegalStateException(
                        "agent run --once exited " + agent.exitValue() + ": see " + state.resolve("agent.log"));
            }
            String log = Files.readString(state.resolve("agent.log"));
            if (log.contains("collection failed")) {
                throw new IllegalStateException("a directory collection failed: see " + state.resolve("agent.log"));
            }
            String measure = AgentFootprint.run(AgentUnit.command(
                    unit,
                    AgentFootprint.java(),
                    jar,
                    state,
                    List.of(),
                    "measure",
                    "--directory",
                    "--state-dir",
                    state.toString()));
            System.out.println("One collection per type (agent measure --directory, the unit's JVM options, cold):");
            System.out.print(measure);
            System.out.println("Indexed by run --once: " + indexedAsMeasured(es, measure));
            System.out.printf(
                    "RESULT users=%d groups=%d agent_run_once_wall_s=%.1f (target < 60) agent_cpu_s=%.1f"
                            + " agent_peak_rss_mb=%.1f (target < 128) baseline_raw_ldap_s=%.1f wall_vs_baseline=%.1fx%n",
                    users,
                    groups,
                    wall,
                    cpu / (double) AgentFootprint.CLOCK_TICKS,
                    maxRss / 1024.0,
                    baselineSeconds,
                    wall / baselineSeconds);
        } finally {
            Folders.deleteTree(work);
        }
    }

    /**
     * Each type's document count in Elasticsearch, checked against the items {@code measure}
     * counted: a run that lost documents on the way is no figure.
     */
    static String indexedAsMeasured(URI es, String measure) {
        Http.send(es.resolve("/_refresh"), "POST", null, null, null);
        var schema = io.agent7.schema.Schema.standard();
        StringBuilder indexed = new StringBuilder();
        var line = java.util.regex.Pattern.compile("(?m)^(\\w+)\\s+(\\d+) items");
        var m = line.matcher(measure);
        while (m.find()) {
            String type = m.group(1);
            long items = Long.parseLong(m.group(2));
            long count = Http.get(es.resolve("/" + schema.require(type).index() + "/_count"))
                    .path("count")
                    .asLong();
            if (count != items) {
                throw new IllegalStateException(
                        "The agent collected " + items + " " + type + " items but the index holds " + count);
            }
            indexed.append(indexed.isEmpty() ? "" : ", ")
                    .append(type)
                    .append(' ')
                    .append(count);
        }
        if (indexed.isEmpty()) {
            throw new IllegalStateException("agent measure printed no counts:\n" + measure);
        }
        return indexed.toString();
    }

    /** The process's resident high-water mark (VmHWM): its peak so far, whenever it was. */
    static long peakRssKb(long pid) throws java.io.IOException {
        return ProcStatus.field(pid, "VmHWM");
    }
}
