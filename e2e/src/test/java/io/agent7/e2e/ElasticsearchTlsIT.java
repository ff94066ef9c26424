package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.BatchAnswer;
import io.agent7.testkit.CertificateAuthority;
import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elasticsearch as a production cluster runs it: security on, HTTPS with a certificate from
 * a private CA, a user in the file realm. The ingest API, from its jar, given the CA and the
 * credentials, installs the schema at start (its small installer client) and writes agents'
 * batches (its main client) over that; without the CA, or with a wrong password, it refuses
 * to start and says why.
 */
class ElasticsearchTlsIT {

    static final String USER = "agent7-ingest";
    static final String PASSWORD = "tls-it-password-" + Long.toHexString(System.nanoTime());

    static CertificateAuthority ca;
    static ElasticsearchNode node;
    static Path caPem;

    @BeforeAll
    static void startSecuredNode() throws Exception {
        ca = CertificateAuthority.create("Agent7 TLS test CA", Duration.ofDays(1));
        node = ElasticsearchNode.builder("tls")
                .security(new ElasticsearchNode.Security(ca, USER, PASSWORD))
                .start();
        caPem = Files.createTempFile("agent7-e2e-es-ca", ".pem");
        Files.writeString(caPem, CertificateAuthority.pem(ca.certificate()));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void installsTheSchemaAndIngestsOverHttpsWithThePrivateCaAndTheCredentials() throws Exception {
        assertThat(node.url().getScheme()).isEqualTo("https");
        try (ServiceProcess ingest = startIngest(PASSWORD, "--agent7.elasticsearch.ca-certificate=" + caPem)) {
            assertThat(elasticsearch("GET", "/_index_template/agent7-process").statusCode())
                    .as("the template the ingest API installed at start")
                    .isEqualTo(200);

            String siteKey = FleetSupport.fastGroupSiteKey(ingest.url("/"));
            Credentials credentials =
                    FleetSupport.enroll(ingest.url("/"), siteKey, Files.createTempDirectory("agent7-e2e-tls-agent"));
            List<ObjectNode> processes = new ArrayList<>();
            for (int pid = 1; pid <= 7; pid++) {
                ObjectNode document = FleetSupport.JSON.createObjectNode();
                document.putObject("process")
                        .put("pid", pid)
                        .put("start", FakeProcesses.START)
                        .put("name", "p" + pid);
                processes.add(document);
            }
            BatchAnswer result = new ServerClient(credentials, "e2e", Clock.systemUTC())
                    .post(FleetSupport.processSnapshot("tls-1", processes));
            assertThat(result.created()).isEqualTo(7);

            assertThat(elasticsearch("POST", "/agent7-process/_refresh").statusCode())
                    .isEqualTo(200);
            HttpResponse<String> count =
                    elasticsearch("POST", "/agent7-process/_count?q=host.id:" + credentials.hostId());
            assertThat(FleetSupport.JSON.readTree(count.body()).path("count").asLong())
                    .as(count.body())
                    .isEqualTo(7);
        }
    }

    @Test
    void installSchemaCommandTrustsTheCaGivenAndNothingElse() throws Exception {
        InstallRun trusted = installSchema("--ca-cert", caPem.toString());
        assertThat(trusted.exitCode()).as(trusted.output()).isZero();
        assertThat(elasticsearch("GET", "/_index_template/agent7-process").statusCode())
                .isEqualTo(200);

        InstallRun untrusted = installSchema();
        assertThat(untrusted.exitCode()).as(untrusted.output()).isEqualTo(1);
        assertThat(untrusted.output()).contains("Schema installation failed").contains("PKIX path building failed");
    }

    @Test
    void installSchemaCommandRefusesAPasswordOnTheCommandLine() throws Exception {
        InstallRun run = installSchema("--ca-cert", caPem.toString(), "--password", PASSWORD);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("set AGENT7_ELASTICSEARCH_PASSWORD");
    }

    @Test
    void refusesToStartWithoutTheCaSayingTheCertificateIsNotTrusted() {
        assertThatThrownBy(() -> startIngest(PASSWORD).close())
                .hasMessageContaining("ingest-api exited")
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void refusesToStartWithAWrongPasswordSayingElasticsearchRefusedIt() {
        assertThatThrownBy(() -> startIngest("not-" + PASSWORD, "--agent7.elasticsearch.ca-certificate=" + caPem)
                        .close())
                .hasMessageContaining("ingest-api exited")
                .hasMessageContaining("401");
    }

    record InstallRun(int exitCode, String output) {}

    /** {@code java -jar ingest-api.jar install-schema} against the secured node, the password in the environment. */
    private static InstallRun installSchema(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                ServiceProcess.jar("ingest-api").toString(),
                "install-schema",
                "--es",
                node.url().toString(),
                "--user",
                USER));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AGENT7_ELASTICSEARCH_PASSWORD", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("install-schema did not finish within 2 minutes: " + output);
        }
        return new InstallRun(process.exitValue(), output);
    }

    private static ServiceProcess startIngest(String password, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT7_ELASTICSEARCH_URL", node.url().toString());
        env.put("AGENT7_ELASTICSEARCH_USERNAME", USER);
        env.put("AGENT7_ELASTICSEARCH_PASSWORD", password);
        env.put(
                "AGENT7_STATE_DIR",
                Files.createTempDirectory("agent7-e2e-tls-server").toString());
        env.put("AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        return ServiceProcess.start("ingest-api", env, args);
    }

    /** A request to the secured node as the test's own client: trusting the CA, with the credentials. */
    private static HttpResponse<String> elasticsearch(String method, String path) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().sslContext(ca.trustingContext()).build();
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(node.url() + path))
                        .header("Authorization", "Basic " + basic)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
