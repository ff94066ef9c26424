package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.CertificateAuthority;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What each service shows to someone with no credentials, port by port, with the services
 * started as {@code ./agent7 up} starts them (cmd_up in the script): the ingest API and the
 * console over HTTPS from one certificate of a local CA, the console on loopback, each
 * service's management endpoints on a port of their own. Only a short list of paths answers
 * without credentials; every other path on a public port is refused, and the management
 * ports and the detection service listen on loopback alone (docs/DEPLOYMENT.md).
 */
@ExtendWith(ElasticsearchExtension.class)
class ExposureIT {

    private static final String SITE_KEY = "sk_e2e_exposure_" + UUID.randomUUID();

    private static CertificateAuthority ca;
    private static HttpClient https;
    private static ServiceProcess ingest;
    private static ServiceProcess search;
    private static ServiceProcess detections;

    @BeforeAll
    static void startAsUpDoes() throws Exception {
        Path work = Files.createTempDirectory("agent7-e2e-exposure");
        ca = CertificateAuthority.create("Agent7 exposure test CA", Duration.ofDays(1));
        Path caPem = work.resolve("ca.pem");
        Files.writeString(caPem, CertificateAuthority.pem(ca.certificate()));
        String password = UUID.randomUUID().toString();
        ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1))
                .writePkcs12(work.resolve("server.p12"), "server", password.toCharArray());
        https = HttpClient.newBuilder()
                .sslContext(ca.trustingContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        String es = TestElasticsearch.url().toString();
        Map<String, String> tls = ServiceProcess.httpsEnvironment(work.resolve("server.p12"), password);
        Map<String, String> ingestEnv = new HashMap<>(tls);
        ingestEnv.putAll(Map.of(
                "AGENT7_ELASTICSEARCH_URL",
                es,
                "AGENT7_STATE_DIR",
                work.resolve("ingest-api").toString(),
                "AGENT7_BOOTSTRAP_SITE_KEY",
                SITE_KEY,
                "AGENT7_TLS_CA_CERTIFICATE",
                caPem.toString()));
        ingest = ServiceProcess.start("ingest-api", ingestEnv);
        Map<String, String> searchEnv = new HashMap<>(tls);
        searchEnv.putAll(Map.of(
                "AGENT7_ELASTICSEARCH_URL",
                es,
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD,
                "SERVER_ADDRESS",
                "127.0.0.1"));
        search = ServiceProcess.start("search-ui", searchEnv);
        detections = ServiceProcess.start("detections", Map.of("AGENT7_ELASTICSEARCH_URL", es));
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[] {detections, search, ingest}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void theIngestApiAnswersAgentsAndProbesAndRefusesTheRest() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        URI base = URI.create("https://127.0.0.1:" + ingest.port());
        probeIsUpAndSaysNothingElse(soft, base, "/livez");
        probeIsUpAndSaysNothingElse(soft, base, "/readyz");
        soft.assertThat(get(base, "/.well-known/jwks.json"))
                .as("JWKS")
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(200))
                .satisfies(r -> assertThat(r.body()).contains("\"keys\""));
        // Reached without credentials: the controllers answer, and say what the request lacks.
        for (String path : List.of("/api/v1/agents/enroll", "/api/v1/agents/token")) {
            soft.assertThat(post(base, path, "{}"))
                    .as("POST %s without credentials", path)
                    .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                    .satisfies(r -> assertThat(r.body()).contains("incomplete"));
        }
        for (String path : List.of(
                "/",
                "/actuator",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/actuator/env",
                "/actuator/info",
                "/api/v1/admin/site-keys",
                "/api/v1/admin/policies",
                "/api/v1/hosts")) {
            soft.assertThat(get(base, path).statusCode())
                    .as("GET %s on the agents' port", path)
                    .isIn(401, 403);
        }
        for (String path : List.of("/api/v1/agents/checkin", "/api/v1/ingest/process", "/api/v1/admin/site-keys")) {
            soft.assertThat(post(base, path, "{}").statusCode())
                    .as("POST %s without credentials", path)
                    .isIn(401, 403);
        }
        soft.assertThat(get(base, "/livez").headers().firstValue("Strict-Transport-Security"))
                .as("HSTS on the ingest API")
                .isPresent();
        soft.assertThat(plainHttpAnswer(ingest.port()))
                .as("plain HTTP on the ingest API's HTTPS port")
                .satisfies(ExposureIT::servesNothing);
        soft.assertAll();
    }

    @Test
    void theConsoleOpensOnlyItsLoginPageAndProbes() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        URI base = URI.create("https://127.0.0.1:" + search.port());
        probeIsUpAndSaysNothingElse(soft, base, "/livez");
        probeIsUpAndSaysNothingElse(soft, base, "/readyz");
        soft.assertThat(get(base, "/login"))
                .as("the login page")
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(200))
                .satisfies(r -> assertThat(r.body()).contains("password"));
        for (String path : List.of(
                "/api/v1/process",
                "/api/v1/users",
                "/actuator",
                "/actuator/health",
                "/actuator/info",
                "/actuator/env")) {
            soft.assertThat(get(base, path).statusCode())
                    .as("GET %s on the console's port", path)
                    .isIn(401, 403);
        }
        // A browser asking for a page is sent to the login form, which shows nothing else.
        for (String path : List.of("/", "/actuator/health")) {
            HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Accept", "text/html")
                    .GET()
                    .build());
            soft.assertThat(page.statusCode()).as("page %s", path).isIn(302, 401, 403);
            if (page.statusCode() == 302) {
                soft.assertThat(page.headers().firstValue("Location"))
                        .as("page %s redirects to", path)
                        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
            }
        }
        soft.assertThat(post(base, "/login", "username=admin&password=wrong").statusCode())
                .as("a login form posted without the page's CSRF token")
                .isIn(401, 403);
        soft.assertThat(get(base, "/login").headers().allValues("Set-Cookie"))
                .as("the session cookie the sign-in page sets")
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .contains("; Secure")
                        .contains("; HttpOnly")
                        .contains("; SameSite=Lax"));
        soft.assertThat(get(base, "/login").headers().firstValue("Content-Security-Policy"))
                .as("the console's content security policy")
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        soft.assertThat(get(base, "/login").headers().firstValue("Strict-Transport-Security"))
                .as("HSTS on the console")
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
        soft.assertThat(plainHttpAnswer(search.port()))
                .as("plain HTTP on the console's HTTPS port")
                .satisfies(ExposureIT::servesNothing);
        soft.assertAll();
    }

    @Test
    void managementPortsAndTheDetectionServiceListenOnLoopbackOnly() throws Exception {
        Map<Integer, List<String>> listening = ListeningSockets.read();
        assertThat(listening.get(ingest.port()))
                .as("the ingest API's port: agents reach it from every network")
                .containsOnly("*");
        assertThat(listening.get(search.port()))
                .as("the console's port, loopback as up leaves it")
                .containsOnly("127.0.0.1");
        for (ServiceProcess service : List.of(ingest, search, detections)) {
            assertThat(listening.get(service.managementPort()))
                    .as("management port %d", service.managementPort())
                    .containsOnly("127.0.0.1");
        }
        assertThat(listening.get(detections.port()))
                .as("the detection service's own port")
                .containsOnly("127.0.0.1");

        // What loopback does answer there: metrics and health with details, for the scraper.
        HttpResponse<String> metrics =
                FleetSupport.HTTP.send(get(ingest.managementUrl("/actuator/prometheus")), bodyAsString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("agent7_");
        for (ServiceProcess service : List.of(ingest, search, detections)) {
            HttpResponse<String> health =
                    FleetSupport.HTTP.send(get(service.managementUrl("/actuator/health")), bodyAsString());
            assertThat(health.statusCode())
                    .as("health on %s", service.managementUrl(""))
                    .isEqualTo(200);
            assertThat(health.body())
                    .as("health on %s", service.managementUrl(""))
                    .contains("\"components\"");
        }
    }

    @Test
    void noMoreThanTheIngestApiAndTheConsoleOnTheNetwork() throws Exception {
        // The addresses this host has beyond loopback, from its own interfaces: a port bound to
        // loopback refuses connections there.
        List<java.net.InetAddress> addresses = java.net.NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (java.net.SocketException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(address -> address instanceof java.net.Inet4Address)
                .toList();
        assertThat(addresses)
                .as("an IPv4 address of this host beyond loopback, to connect on")
                .isNotEmpty();
        java.net.InetAddress outside = addresses.get(0);
        assertThat(connects(outside, ingest.port()))
                .as("ingest API on %s", outside)
                .isTrue();
        for (int port : List.of(
                search.port(),
                ingest.managementPort(),
                search.managementPort(),
                detections.port(),
                detections.managementPort())) {
            assertThat(connects(outside, port))
                    .as("port %d on %s", port, outside)
                    .isFalse();
        }
    }

    private static void probeIsUpAndSaysNothingElse(SoftAssertions soft, URI base, String path) throws Exception {
        HttpResponse<String> probe = get(base, path);
        soft.assertThat(probe.statusCode()).as("%s%s", base, path).isEqualTo(200);
        soft.assertThat(probe.body()).as("%s%s", base, path).isEqualTo("{\"status\":\"UP\"}");
    }

    /** The first bytes a server sends back to a plain HTTP request on {@code port}, or "" if it sends none. */
    private static String plainHttpAnswer(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(512);
            return new String(answer, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException | java.net.SocketException closed) {
            return "";
        }
    }

    /**
     * Nothing served over plain HTTP: no answer at all, or Tomcat's refusal, a 400 that says
     * the port requires TLS and carries nothing of the service.
     */
    private static void servesNothing(String answer) {
        if (answer.isEmpty()) {
            return;
        }
        assertThat(answer).startsWith("HTTP/1.1 400").contains("requires TLS").doesNotContain("UP");
    }

    private static boolean connects(java.net.InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private static HttpResponse<String> post(URI base, String path, String body) throws Exception {
        String type = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return https.send(request, bodyAsString());
    }

    private static HttpRequest get(URI url) {
        return HttpRequest.newBuilder(url).GET().build();
    }

    private static HttpResponse.BodyHandler<String> bodyAsString() {
        return HttpResponse.BodyHandlers.ofString();
    }
}
