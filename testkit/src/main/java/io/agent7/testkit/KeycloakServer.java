package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for tests: Keycloak's distribution
 * ({@code org.keycloak:keycloak-quarkus-dist:zip}, resolved by Maven; its path in
 * {@code -Dagent7.keycloak.distribution}), unpacked once per machine and version, started in
 * development mode on free loopback ports with an in-memory database and the realm given,
 * on a JDK 21 or newer. A Keycloak that cannot start fails the test with its log's last lines.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String DISTRIBUTION_PROPERTY = "agent7.keycloak.distribution";
    private static final Duration START = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Keycloak with {@code realmJson} imported; returns once the realm's discovery
     * document answers.
     *
     * @param realm the realm's name, for the readiness check
     */
    public static KeycloakServer start(String realm, String realmJson) {
        Path home = home();
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.writeString(imports.resolve(realm + "-realm.json"), realmJson);
            int port = ServiceProcess.freePort();
            int management = ServiceProcess.freePort();
            Path logDir = Path.of("target", "service-logs");
            Files.createDirectories(logDir);
            Path log = logDir.resolve("keycloak-" + port + ".log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--import-realm",
                    "--db=dev-mem",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + management,
                    "--cache=local"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", Jdks.atLeast(21, "Keycloak").toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            KeycloakServer server = new KeycloakServer(builder.start(), port, log);
            server.awaitRealm(realm);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
        }
    }

    /** {@code http://127.0.0.1:<port>/realms/<realm>}: the issuer of the realm's tokens. */
    public URI issuer(String realm) {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + realm);
    }

    private void awaitRealm(String realm) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Keycloak started", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Keycloak started", e);
            }
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + START + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The unpacked distribution, {@code <tmp>/agent7-keycloak/keycloak-<version>}; unpacked on first use. */
    private static Path home() {
        String zipPath = System.getProperty(DISTRIBUTION_PROPERTY);
        if (zipPath == null || zipPath.isBlank() || zipPath.startsWith("${")) {
            throw new IllegalStateException("No Keycloak distribution: run the tests through Maven, whose e2e module"
                    + " resolves org.keycloak:keycloak-quarkus-dist:zip and passes -D" + DISTRIBUTION_PROPERTY);
        }
        Path zip = Path.of(zipPath);
        String name = zip.getFileName()
                .toString()
                .replace("keycloak-quarkus-dist-", "keycloak-")
                .replace(".zip", "");
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "agent7-keycloak");
        Path home = cache.resolve(name);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            Path unpack = Files.createTempDirectory(cache, ".unpack-");
            Folders.unzip(zip, unpack);
            Path unpacked;
            try (Stream<Path> top = Files.list(unpack)) {
                unpacked = top.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh")))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(zip + " holds no bin/kc.sh"));
            }
            try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
                for (Path script :
                        scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    script.toFile().setExecutable(true, false);
                }
            }
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                    throw raced;
                }
            }
            Folders.deleteTree(unpack);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip, e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
