package io.agent7.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestElasticsearch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Debian packages as built (target/*.deb): what they declare, then installed with dpkg on
 * this host, each service started from its installed unit as systemd would start it (systemd does
 * not run here), the agent enrolled with the installed ingest API and run for a round, and all of
 * it purged, leaving nothing behind. Needs root and dpkg: the CI machines are throwaway Debian
 * hosts, and installing packages there is the point.
 *
 * <p>The user {@code agent7} may exist before the install: the test kit runs Elasticsearch as a
 * user of that name when it runs as root. The packages then use it as it is and leave it at purge,
 * which is checked instead of its creation and removal.
 */
@ExtendWith(ElasticsearchExtension.class)
class DebianPackagesIT {

    private static final Path PACKAGES = Path.of(System.getProperty("agent7.packages.dir", "target"));
    private static final String VERSION =
            DebianPackage.debianVersion(System.getProperty("agent7.project.version", "(no agent7.project.version)"));
    private static final String JAVA_DEPENDENCY = "default-jre-headless (>= 2:1.17) | java17-runtime-headless";
    private static final String USER_COMMENT = "Agent7 services";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "service-logs").toAbsolutePath();

    /** The ports each service's settings give, from docs/DEPLOYMENT.md: its own and its management port. */
    private static final Map<DebianPackage, List<String>> PORTS = Map.of(
            DebianPackage.INGEST_API, List.of("8443", "9401"),
            DebianPackage.CONSOLE, List.of("8080", "9402"),
            DebianPackage.DETECTIONS, List.of("8081", "9403"));

    /** The secrets each service's settings name, for the operator to fill in. */
    private static final Map<DebianPackage, List<String>> SECRET_PLACEHOLDERS = Map.of(
            DebianPackage.INGEST_API,
            List.of(
                    "#AGENT7_ELASTICSEARCH_PASSWORD=",
                    "#SPRING_SSL_BUNDLE_JKS_AGENT7_KEYSTORE_PASSWORD=",
                    "#AGENT7_BOOTSTRAP_SITE_KEY="),
            DebianPackage.CONSOLE,
            List.of(
                    "#AGENT7_ELASTICSEARCH_PASSWORD=",
                    "#SPRING_SSL_BUNDLE_JKS_AGENT7_KEYSTORE_PASSWORD=",
                    "#AGENT7_BOOTSTRAP_ADMIN_PASSWORD="),
            DebianPackage.DETECTIONS,
            List.of("#AGENT7_ELASTICSEARCH_PASSWORD=", "#AGENT7_SMTP_PASSWORD="));

    /** A line of dpkg-deb --contents: mode, owner/group, size, date, time, path. */
    private static final Pattern CONTENTS_LINE = Pattern.compile("(\\S+) (\\S+)\\s+\\d+ \\S+ \\S+ \\./(\\S*)");

    /** A control member in dpkg-deb --info: size, lines, * when executable, name. */
    private static final Pattern CONTROL_MEMBER =
            Pattern.compile("\\s*\\d+ bytes,\\s+\\d+ lines\\s+(\\*?)\\s+(\\S+).*");

    @BeforeAll
    static void dpkgRunsHereAsRoot() {
        for (String tool : List.of("dpkg", "dpkg-deb", "runuser")) {
            Host.Result version = Host.run(tool, "--version");
            if (!version.ok()) {
                fail("DebianPackagesIT builds on " + tool + ", which this host does not have ("
                        + version.output().strip() + "): run it on Debian or Ubuntu, where the packages are for");
            }
        }
        if (!Host.root()) {
            fail("DebianPackagesIT installs and purges packages, which needs root: run it as root on a throwaway"
                    + " machine (as CI does)");
        }
    }

    @ParameterizedTest
    @EnumSource(DebianPackage.class)
    void declaresItsFilesModesConffilesAndDependencies(DebianPackage pkg, @TempDir Path unpacked) throws Exception {
        Path deb = pkg.deb(PACKAGES, VERSION);
        assertThat(deb).as("built by mvn package in packages/").isRegularFile();

        Map<String, String> fields = fields(deb);
        assertThat(fields)
                .containsEntry("Package", pkg.packageName())
                .containsEntry("Version", VERSION)
                .containsEntry("Architecture", "all")
                .containsEntry("Depends", pkg.service() ? JAVA_DEPENDENCY + ", passwd" : JAVA_DEPENDENCY);

        Map<String, String> contents = contents(deb);
        assertThat(contents)
                .as("the files, each with its mode and owner")
                .containsEntry(pkg.jar().toString(), "-rw-r--r-- root/root")
                .containsEntry(pkg.unit().toString(), "-rw-r--r-- root/root")
                .containsEntry(pkg.config().toString(), pkg.configMode() + " root/root");
        assertThat(contents.entrySet().stream()
                        .filter(entry -> !entry.getValue().startsWith("d"))
                        .map(Map.Entry::getKey))
                .as("no other file")
                .containsExactlyInAnyOrder(
                        pkg.jar().toString(),
                        pkg.unit().toString(),
                        pkg.config().toString());
        assertThat(contents.values().stream().filter(entry -> entry.startsWith("d")))
                .as("folders")
                .allMatch("drwxr-xr-x root/root"::equals);

        assertThat(Host.require("read the conffiles", "dpkg-deb", "--info", deb.toString(), "conffiles")
                        .lines())
                .containsExactly(pkg.config().toString());
        assertThat(executableControlMembers(deb)).containsExactlyInAnyOrder("postinst", "prerm", "postrm");

        Host.require("unpack " + deb, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
        SystemdUnit unit = new SystemdUnit(Files.readString(under(unpacked, pkg.unit())));
        String config = Files.readString(under(unpacked, pkg.config()));
        if (pkg.service()) {
            assertServiceUnit(pkg, unit);
            assertServiceSettings(pkg, config);
        } else {
            assertThat(unit.text())
                    .as("the agent's own unit, its placeholders filled for the package")
                    .isEqualTo(agentUnitFromItsJar(under(unpacked, pkg.jar())));
            assertThat(config.lines().filter(line -> !line.isBlank()))
                    .as("agent.properties: every setting at its default, shown commented")
                    .allMatch(line -> line.startsWith("#"));
        }
    }

    @Test
    void installRunAndPurgeLeaveTheHostAsItWas() throws Exception {
        List<DebianPackage> packages = List.of(DebianPackage.values());
        for (DebianPackage pkg : packages) {
            assertThat(status(pkg))
                    .as("%s is on this host before the test, which purges what it installs: dpkg --purge %s", pkg, pkg)
                    .isIn("", "not-installed");
        }
        List<Path> installedPaths = agent7Paths(packages);
        assertThat(installedPaths)
                .as("paths the packages own, there before the install (from an earlier run?)")
                .noneMatch(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        Optional<String> userBefore = Host.passwd(DebianPackage.SERVICE_USER);

        List<String> install = new ArrayList<>(List.of("dpkg", "-i"));
        packages.forEach(pkg -> install.add(pkg.deb(PACKAGES, VERSION).toString()));
        List<String> purge = new ArrayList<>(List.of("dpkg", "--purge"));
        packages.forEach(pkg -> purge.add(pkg.packageName()));
        Host.Result purged;
        try {
            String installed = Host.require("install the packages", install.toArray(String[]::new));
            assertThat(installed)
                    .as("the agent's postinst says how to enroll")
                    .contains("enroll --server URL --site-key KEY --ca-cert FILE --state-dir /var/lib/agent7/agent");
            assertInstalled(userBefore);
            runTheServicesAndTheAgent();
        } finally {
            purged = Host.run(purge.toArray(String[]::new));
        }

        assertThat(purged.exitCode()).as(purged.output()).isZero();
        Host.Result listed = Host.run("dpkg", "-l");
        assertThat(listed.output().lines().map(line -> line.split("\\s+")).filter(columns -> columns.length > 1))
                .as("dpkg -l")
                .noneMatch(columns -> columns[1].startsWith("agent7-"));
        assertThat(installedPaths)
                .as("left after the purge")
                .noneMatch(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        if (userBefore.isEmpty()) {
            assertThat(Host.passwd(DebianPackage.SERVICE_USER))
                    .as("the user, with the last package")
                    .isEmpty();
            assertThat(Host.groupExists(DebianPackage.SERVICE_USER))
                    .as("the group, with the last package")
                    .isFalse();
        } else {
            assertThat(Host.passwd(DebianPackage.SERVICE_USER))
                    .as("a user agent7 the packages did not make is left as it was")
                    .isEqualTo(userBefore);
        }
    }

    private static void assertInstalled(Optional<String> userBefore) throws IOException {
        for (DebianPackage pkg : DebianPackage.values()) {
            assertThat(status(pkg)).as("%s", pkg).isEqualTo("installed");
        }
        String user = Host.passwd(DebianPackage.SERVICE_USER)
                .orElseThrow(() -> new AssertionError("postinst made no user " + DebianPackage.SERVICE_USER));
        if (userBefore.isEmpty()) {
            String[] passwd = user.split(":", -1);
            assertThat(Integer.parseInt(passwd[2])).as("a system user's uid").isLessThan(1000);
            assertThat(passwd[4]).isEqualTo(USER_COMMENT);
            assertThat(passwd[5]).isEqualTo("/var/lib/agent7");
            assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
        } else {
            assertThat(user).as("an existing user agent7, used as it is").isEqualTo(userBefore.get());
        }

        for (DebianPackage pkg : DebianPackage.values()) {
            assertThat(owner(pkg.jar())).isEqualTo("rw-r--r-- root:root");
            assertThat(owner(pkg.unit())).isEqualTo("rw-r--r-- root:root");
            if (pkg.service()) {
                assertThat(owner(pkg.config())).as("%s: secrets", pkg).isEqualTo("rw-r----- root:agent7");
                assertThat(owner(pkg.stateDir())).as("%s's state", pkg).isEqualTo("rwxr-x--- agent7:agent7");
            } else {
                assertThat(owner(pkg.config())).isEqualTo("rw-r--r-- root:root");
                assertThat(owner(pkg.stateDir()))
                        .as("the agent's state: credentials, spool")
                        .isEqualTo("rwx------ root:root");
                assertThat(Files.readSymbolicLink(pkg.stateDir().resolve("agent.properties")))
                        .as("the agent reads its settings in its state folder")
                        .isEqualTo(pkg.config());
            }
        }
        assertThat(owner(Path.of("/var/lib/agent7"))).isEqualTo("rwxr-xr-x root:root");
        assertThat(Files.readString(DebianPackage.AGENT.unit()))
                .as("the agent's unit, from the template in the installed jar")
                .isEqualTo(agentUnitFromItsJar(DebianPackage.AGENT.jar()));
    }

    /**
     * Each service from its installed unit against the test node; the agent enrolled with the ingest
     * API and run for one round by its unit's command line; then the services stopped as systemd stops them.
     */
    private static void runTheServicesAndTheAgent() throws Exception {
        String elasticsearch = TestElasticsearch.url().toString();
        String siteKey = "sk_packages_" + UUID.randomUUID();
        List<Integer> ports = ServiceProcess.freePorts(6);
        int ingestPort = ports.get(0);
        Map<DebianPackage, Integer> managementPorts = new LinkedHashMap<>();
        Map<DebianPackage, HandStartedUnit> running = new LinkedHashMap<>();
        try {
            int i = 0;
            // The ingest API first: each service installs the schema at start, and the first install
            // of a fresh node is not one to race.
            for (DebianPackage pkg :
                    List.of(DebianPackage.INGEST_API, DebianPackage.CONSOLE, DebianPackage.DETECTIONS)) {
                Map<String, String> overrides = new LinkedHashMap<>(Map.of(
                        "AGENT7_ELASTICSEARCH_URL", elasticsearch,
                        "SERVER_PORT", Integer.toString(ports.get(i++)),
                        "MANAGEMENT_SERVER_PORT", Integer.toString(ports.get(i++))));
                if (pkg == DebianPackage.INGEST_API) {
                    overrides.put("AGENT7_BOOTSTRAP_SITE_KEY", siteKey);
                }
                managementPorts.put(pkg, Integer.parseInt(overrides.get("MANAGEMENT_SERVER_PORT")));
                running.put(pkg, HandStartedUnit.start(pkg.unit(), overrides, List.of(), log(pkg)));
                if (pkg == DebianPackage.INGEST_API) {
                    awaitReady(running, managementPorts, pkg);
                }
            }
            awaitReady(running, managementPorts, DebianPackage.CONSOLE);
            awaitReady(running, managementPorts, DebianPackage.DETECTIONS);

            Path keys = DebianPackage.INGEST_API.stateDir().resolve("signing-keys.json");
            assertThat(owner(keys))
                    .as("the ingest API's keys, written as agent7 where its settings say")
                    .endsWith(" agent7:agent7");

            DebianPackage agent = DebianPackage.AGENT;
            Host.require(
                    "enroll the installed agent with the installed ingest API",
                    "/usr/bin/java",
                    "-jar",
                    agent.jar().toString(),
                    "enroll",
                    "--server",
                    "http://127.0.0.1:" + ingestPort,
                    "--site-key",
                    siteKey,
                    "--state-dir",
                    agent.stateDir().toString());
            try (HandStartedUnit round = HandStartedUnit.start(agent.unit(), Map.of(), List.of("--once"), log(agent))) {
                assertThat(round.awaitExit(START)).as(round.tail()).isZero();
            }

            for (Map.Entry<DebianPackage, HandStartedUnit> service : running.entrySet()) {
                assertThat(service.getValue().stop(STOP))
                        .as("%s stopped with SIGTERM: 143, the unit's SuccessExitStatus", service.getKey())
                        .isEqualTo(143);
            }
        } finally {
            running.values().forEach(HandStartedUnit::close);
        }
    }

    private static void awaitReady(
            Map<DebianPackage, HandStartedUnit> running, Map<DebianPackage, Integer> managementPorts, DebianPackage pkg)
            throws InterruptedException {
        running.get(pkg)
                .awaitOk(
                        URI.create("http://127.0.0.1:" + managementPorts.get(pkg) + "/actuator/health/readiness"),
                        START);
    }

    private static void assertServiceUnit(DebianPackage pkg, SystemdUnit unit) {
        String state = pkg.stateDir().toString();
        assertThat(unit.value("User")).contains(DebianPackage.SERVICE_USER);
        assertThat(unit.value("Group")).contains(DebianPackage.SERVICE_USER);
        assertThat(unit.value("EnvironmentFile")).contains(pkg.config().toString());
        assertThat(unit.value("ExecStart")).contains("/usr/bin/java $JAVA_OPTS -jar " + pkg.jar());
        assertThat(unit.value("WorkingDirectory")).contains(state);
        assertThat(unit.value("StandardOutput")).contains("journal");
        assertThat(unit.value("StandardError")).contains("journal");
        assertThat(unit.value("NoNewPrivileges")).contains("yes");
        assertThat(unit.value("ProtectSystem")).contains("strict");
        assertThat(unit.value("ReadWritePaths")).contains(state);
        assertThat(unit.value("ProtectHome")).contains("yes");
        assertThat(unit.value("PrivateTmp")).contains("yes");
        assertThat(unit.value("WantedBy")).contains("multi-user.target");
        if (pkg == DebianPackage.INGEST_API) {
            assertThat(unit.value("LimitNOFILE"))
                    .as("a connection per agent, up to 20,000")
                    .contains("65536");
        }
    }

    private static void assertServiceSettings(DebianPackage pkg, String text) {
        Map<String, String> settings = EnvironmentFile.parse(text);
        assertThat(settings)
                .containsEntry("AGENT7_ELASTICSEARCH_URL", "http://127.0.0.1:9200")
                .containsEntry("SERVER_PORT", PORTS.get(pkg).get(0))
                .containsEntry("MANAGEMENT_SERVER_PORT", PORTS.get(pkg).get(1))
                .containsKey("JAVA_OPTS");
        if (pkg == DebianPackage.INGEST_API) {
            assertThat(settings)
                    .containsEntry("AGENT7_STATE_DIR", pkg.stateDir().toString());
        }
        assertThat(settings.keySet())
                .as("no secret has a default: the operator fills in the commented placeholder")
                .noneMatch(name -> name.contains("PASSWORD") || name.contains("SITE_KEY") || name.contains("SIGNING"));
        assertThat(text.lines())
                .as("the secrets' placeholders, commented and empty")
                .containsAll(SECRET_PLACEHOLDERS.get(pkg));
    }

    /** The unit template in the agent's jar, its placeholders filled as the package's layout needs. */
    private static String agentUnitFromItsJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getEntry("io/agent7/agent/agent7-agent.service"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@JAVA@", "/usr/bin/java")
                    .replace("@JAR@", DebianPackage.AGENT.jar().toString())
                    .replace("@STATE@", DebianPackage.AGENT.stateDir().toString());
        }
    }

    /** The control file's fields (the first line of each). */
    private static Map<String, String> fields(Path deb) {
        Map<String, String> fields = new LinkedHashMap<>();
        Host.require("read the control file of " + deb, "dpkg-deb", "--field", deb.toString())
                .lines()
                .filter(line -> !line.startsWith(" ") && line.contains(": "))
                .forEach(line ->
                        fields.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2)));
        return fields;
    }

    /** Each entry of the package's files: absolute path to "mode owner/group". */
    private static Map<String, String> contents(Path deb) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String line : Host.require("list the files of " + deb, "dpkg-deb", "--contents", deb.toString())
                .lines()
                .toList()) {
            Matcher entry = CONTENTS_LINE.matcher(line);
            if (!entry.matches()) {
                throw new AssertionError("Not a line of dpkg-deb --contents this test reads: " + line);
            }
            String path = "/" + entry.group(3).replaceAll("/$", "");
            contents.put(path, entry.group(1) + " " + entry.group(2));
        }
        return contents;
    }

    private static List<String> executableControlMembers(Path deb) {
        List<String> members = new ArrayList<>();
        Host.require("read " + deb, "dpkg-deb", "--info", deb.toString())
                .lines()
                .map(CONTROL_MEMBER::matcher)
                .filter(Matcher::matches)
                .filter(member -> member.group(1).equals("*"))
                .forEach(member -> members.add(member.group(2)));
        return members;
    }

    /**
     * Everything of Agent7's the packages put on the host: their files and folders whose path names
     * agent7 (not /usr or /etc themselves), the state folders postinst makes, and the link in the agent's.
     */
    private static List<Path> agent7Paths(List<DebianPackage> packages) {
        TreeSet<String> paths = new TreeSet<>();
        for (DebianPackage pkg : packages) {
            contents(pkg.deb(PACKAGES, VERSION)).keySet().stream()
                    .filter(path -> path.contains("agent7"))
                    .forEach(paths::add);
            paths.add(pkg.stateDir().toString());
        }
        paths.add("/var/lib/agent7");
        return paths.stream().map(Path::of).toList();
    }

    /** dpkg's status of the package: installed, config-files, ...; empty when dpkg does not know it. */
    private static String status(DebianPackage pkg) {
        Host.Result result = Host.run("dpkg-query", "--show", "--showformat=${db:Status-Status}", pkg.packageName());
        return result.ok() ? result.output().strip() : "";
    }

    /** "rwxr-x--- user:group" of a file or folder, not following a link. */
    private static String owner(Path path) throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return PosixFilePermissions.toString(attributes.permissions()) + " "
                + attributes.owner().getName() + ":" + attributes.group().getName();
    }

    private static Path under(Path root, Path absolute) {
        return root.resolve(absolute.toString().substring(1));
    }

    private static Path log(DebianPackage pkg) {
        return LOGS.resolve(pkg.packageName() + ".log");
    }
}
