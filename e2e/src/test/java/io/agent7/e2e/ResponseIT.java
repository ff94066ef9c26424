package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandSignature;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestCommands;
import io.agent7.testkit.TestElasticsearch;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remote response with the real agent ({@code java -jar agent.jar run}) and the ingest API as
 * processes: commands written into {@code agent7-commands} as the console writes them reach
 * the agent by long poll, run, and their output and results come back. What the agent must
 * refuse, it refuses and reports: a command written straight into Elasticsearch without the
 * server's key, another host's, one the host's own list does not allow, one sent again; and a
 * command that was running when the agent was killed ends as failed and never runs again.
 */
@ExtendWith(ElasticsearchExtension.class)
class ResponseIT {

    static final KeyPair SERVER = CommandSignature.newKeyPair();
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ServiceProcess ingest;
    static ServiceProcess search;
    static AgentKillIT.AgentProcess agent;
    static Path agentState;

    @BeforeAll
    static void startIngestAndAgent() throws Exception {
        Path keys = Files.createTempDirectory("agent7-e2e-response-keys");
        Path publicKey = Files.writeString(
                keys.resolve("command-signing.pub"), CommandSignature.encodePublicKey(SERVER.getPublic()));
        ingest = ServiceProcess.start(
                "ingest-api",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL",
                        TestElasticsearch.url().toString(),
                        "AGENT7_STATE_DIR",
                        Files.createTempDirectory("agent7-e2e-response-server").toString(),
                        "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                        TestAccounts.ADMIN_PASSWORD,
                        "AGENT7_COMMANDS_PUBLIC_KEY",
                        publicKey.toString()));
        agentState = Files.createTempDirectory("agent7-e2e-response-agent");
        agent = AgentKillIT.AgentProcess.enroll(
                ingest.url("/"), FleetSupport.fastGroupSiteKey(ingest.url("/")), agentState);
        assertThat(Files.readString(agentState.resolve("command-key.pem")))
                .as("the agent pinned the server's command key at enrollment")
                .isEqualTo(CommandSignature.encodePublicKey(SERVER.getPublic()));
        // The host owner's list: the built-in actions, echo with any arguments, sleep for whole seconds.
        Path response = Files.writeString(
                agentState.resolve("response.properties"),
                "run.echo.path=/bin/echo\nrun.echo.args=...\nrun.sleep.path=/bin/sleep\nrun.sleep.args=\\d+\n");
        Files.setPosixFilePermissions(response, PosixFilePermissions.fromString("rw-------"));
        agent.start();
        // The console that signs: the private half, and an allowlist that lets admins run echo.
        Path signing = Files.writeString(
                keys.resolve("command-signing.key"), CommandSignature.encodePrivateKey(SERVER.getPrivate()));
        Path lists = Files.createDirectories(keys.resolve("allowlists"));
        Files.writeString(
                lists.resolve("admin.properties"),
                "run.echo.path=/bin/echo\nrun.echo.args=...\nrun.sleep.path=/bin/sleep\nrun.sleep.args=\\d+\n");
        search = FleetSupport.plainConsole(
                "--agent7.commands.signing-key=" + signing, "--agent7.commands.allowlists=" + lists);
    }

    @AfterAll
    static void stop() throws Exception {
        if (search != null) {
            search.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    static Command command(
            String host, Command.Action action, Map<String, String> params, Duration timeout, String... argv) {
        Instant now = Instant.now();
        return new Command(
                UUID.randomUUID().toString(),
                host,
                action,
                List.of(argv),
                params,
                false,
                timeout,
                1 << 20,
                now,
                now.plusSeconds(300),
                UUID.randomUUID().toString());
    }

    static Command run(String... argv) {
        return command(agent.hostId(), Command.Action.RUN, Map.of(), Duration.ofSeconds(30), argv);
    }

    /** Queues {@code command} signed by the server's key; answers once it ended, with its stored state. */
    static JsonNode runToEnd(Command command) {
        return endOf(command, CommandSignature.sign(command, SERVER.getPrivate()));
    }

    static JsonNode endOf(Command command, String signed) {
        TestCommands.queue(command, signed);
        return Awaitility.await()
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> TestCommands.stored(command.id()),
                        stored -> List.of("done", "failed", "timed_out", "refused", "cancelled")
                                .contains(stored.path("state").asString()));
    }

    /** Whether {@code pid} ended within 5 s. */
    static final class ArgvRunnerGone {
        static boolean gone(long pid) throws InterruptedException {
            for (int i = 0; i < 50; i++) {
                if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }
    }

    static String output(Command command) {
        return new String(TestCommands.output(command.id()), StandardCharsets.UTF_8);
    }

    @Test
    void aCommandRunsWithItsArgumentsLiteralAndItsOutputAndDigestComeBack() {
        Command echo = run("/bin/echo", "; rm -rf /", "$(id)", "`id`", "a\nb");
        JsonNode end = runToEnd(echo);
        assertThat(end.path("state").asString()).as(end.toString()).isEqualTo("done");
        assertThat(end.path("exit_code").asLong()).isZero();
        assertThat(output(echo)).isEqualTo("; rm -rf / $(id) `id` a\nb\n");
        assertThat(end.path("output_sha256").asString()).hasSize(64);

        Command list = command(agent.hostId(), Command.Action.PROCESS_LIST, Map.of(), Duration.ofSeconds(30));
        assertThat(runToEnd(list).path("state").asString()).isEqualTo("done");
        assertThat(output(list)
                        .lines()
                        .map(l -> io.agent7.schema.JsonTrees.read(l)
                                .path("process")
                                .path("pid")
                                .asLong()))
                .as("the process list names the agent itself")
                .contains(agent.pid());
    }

    /**
     * The whole way, from the console's response page in Chromium: the command the page sends
     * is signed by the console, delivered by the ingest API, run by the agent, and its output
     * shows on the command's page as it comes.
     */
    @Test
    void aResponderSendsACommandFromTheConsoleAndSeesItsOutput() throws Exception {
        TestElasticsearch.refresh("agent7-host");
        try (Browser browser = Browser.start()) {
            var driver = browser.driver;
            driver.get(search.url("/login").toString());
            driver.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
            driver.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD);
            browser.follow(By.id("sign-in"));
            driver.get(search.url("/response?host=" + agent.hostId()).toString());
            assertThat(driver.findElement(By.id("hosts")).getAttribute("value")).isEqualTo(agent.hostId());
            new Select(driver.findElement(By.id("action"))).selectByValue("run");
            driver.findElement(By.id("argv")).sendKeys("/bin/echo\nhello from the console; $(id)");
            driver.findElement(By.id("reason")).sendKeys("checking the response page");
            browser.follow(By.id("send"));
            assertThat(driver.findElements(By.id("error")))
                    .as("the page's error: %s", driver.getPageSource())
                    .isEmpty();
            assertThat(driver.findElement(By.id("request-id")).getText()).startsWith("r-");
            browser.follow(By.cssSelector("#commands a.command"));
            Awaitility.await()
                    .atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(
                            () -> assertThat(driver.findElement(By.id("output")).getAttribute("data-ended"))
                                    .as("the page saw the command end")
                                    .isEqualTo("true"));
            assertThat(driver.findElement(By.id("command-state")).getText()).isEqualTo("done");
            assertThat(driver.findElement(By.id("output")).getText()).isEqualTo("hello from the console; $(id)");
            assertThat(driver.findElement(By.id("command-exit")).getText()).isEqualTo("exit code 0");
            browser.screenshot("12-response-command");

            // The host's history lists it, with who sent it.
            driver.get(search.url("/response?host=" + agent.hostId()).toString());
            assertThat(driver.findElement(By.id("history")).getText())
                    .contains("run")
                    .contains("done")
                    .contains(TestAccounts.ADMIN);

            // What the server's list does not allow is refused on the page, and nothing is sent.
            new Select(driver.findElement(By.id("action"))).selectByValue("run");
            driver.findElement(By.id("argv")).sendKeys("/bin/rm\n-rf\n/nonexistent-agent7-path");
            browser.follow(By.id("send"));
            assertThat(driver.findElement(By.id("error")).getText()).contains("running /bin/rm is not allowed");
        }
    }

    @Test
    void whatTheServerDidNotSignOrAnotherHostsOrWhatTheHostForbidsIsRefusedAndReported() {
        // Written straight into Elasticsearch by someone without the server's key.
        Command forged = run("/bin/echo", "pwned");
        JsonNode straight = endOf(
                forged,
                CommandSignature.sign(forged, CommandSignature.newKeyPair().getPrivate()));
        assertThat(straight.path("state").asString()).isEqualTo("refused");
        assertThat(straight.path("refusal").asString()).isEqualTo("bad_signature");
        assertThat(TestCommands.output(forged.id())).isEmpty();

        // Signed for another host, queued for this one.
        Command elsewhere = command("another-host", Command.Action.PROCESS_LIST, Map.of(), Duration.ofSeconds(30));
        Command misrouted = new Command(
                elsewhere.id(),
                agent.hostId(),
                elsewhere.action(),
                elsewhere.argv(),
                elsewhere.params(),
                false,
                elsewhere.timeout(),
                elsewhere.outputCap(),
                elsewhere.issuedAt(),
                elsewhere.expiresAt(),
                elsewhere.nonce());
        assertThat(endOf(misrouted, CommandSignature.sign(elsewhere, SERVER.getPrivate()))
                        .path("refusal")
                        .asString())
                .isEqualTo("other_host");

        // Signed by the server, but not on this host's list.
        JsonNode forbidden = runToEnd(run("/usr/bin/id"));
        assertThat(forbidden.path("refusal").asString()).isEqualTo("not_allowed_on_host");
        assertThat(forbidden.path("message").asString()).contains("/usr/bin/id");

        // The same signed command again, as a replay from the store.
        Command once = run("/bin/echo", "once");
        String signed = CommandSignature.sign(once, SERVER.getPrivate());
        assertThat(endOf(once, signed).path("state").asString()).isEqualTo("done");
        assertThat(endOf(once, signed).path("refusal").asString()).isEqualTo("replayed");
        assertThat(output(once)).isEqualTo("once\n");
    }

    @Test
    void aCommandPastItsTimeoutIsKilled() {
        Command slow = command(agent.hostId(), Command.Action.RUN, Map.of(), Duration.ofSeconds(2), "/bin/sleep", "60");
        JsonNode end = runToEnd(slow);
        assertThat(end.path("state").asString()).isEqualTo("timed_out");
        assertThat(end.path("message").asString()).contains("timeout");
    }

    @Test
    void aRespondersCancelStopsACommandTheAgentIsRunningWithItsProcessTree() throws Exception {
        HttpResponse<String> sent = api(
                "/api/v1/commands",
                "{\"hosts\":[\"" + agent.hostId() + "\"],\"action\":\"run\",\"argv\":[\"/bin/sleep\",\"60\"],"
                        + "\"reason\":\"a command that runs too long\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode request = JSON.readTree(sent.body());
        String id = request.path("commands").get(0).path("id").asString();
        Awaitility.await()
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestCommands.state(id).equals("running"));
        long sleep = runningPid(id);

        HttpResponse<String> cancelled =
                api("/api/v1/commands/requests/" + request.path("request_id").asString() + "/cancel", "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).path("stopping").asInt()).isEqualTo(1);
        JsonNode end = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> TestCommands.stored(id),
                        stored -> !stored.path("state").asString().equals("running"));
        assertThat(end.path("state").asString()).isEqualTo("cancelled");
        assertThat(end.path("cancel_requested_by").asString()).isEqualTo(TestAccounts.ADMIN);
        assertThat(end.path("message").asString()).contains("cancelled by a responder");
        assertThat(ArgvRunnerGone.gone(sleep))
                .as("the agent killed the command's sleep %d", sleep)
                .isTrue();
        // The agent works on: the next command runs.
        assertThat(runToEnd(run("/bin/echo", "after the cancel")).path("state").asString())
                .isEqualTo("done");
    }

    /** The pid the agent recorded for a command it runs (commands-running.txt). */
    static long runningPid(String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> Files.readString(agentState.resolve("commands-running.txt"))
                                .lines()
                                .filter(line -> line.startsWith(id + " "))
                                .map(line -> Long.parseLong(line.split(" ")[1]))
                                .findFirst()
                                .orElse(-1L),
                        pid -> pid > 0);
    }

    /** POSTs {@code json} to the console's API as the admin. */
    static HttpResponse<String> api(String path, String json) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (TestAccounts.ADMIN + ":" + TestAccounts.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(search.url(path))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCommandRunningWhenTheAgentIsKilledEndsFailedAndNeverRunsAgain() throws Exception {
        Command sleeper = run("/bin/sleep", "30");
        TestCommands.queue(sleeper, CommandSignature.sign(sleeper, SERVER.getPrivate()));
        Awaitility.await()
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestCommands.state(sleeper.id()).equals("running"));
        // The agent recorded the process it started, with its start time.
        long sleep = runningPid(sleeper.id());
        assertThat(ProcessHandle.of(sleep).map(ProcessHandle::isAlive)).hasValue(true);
        agent.kill();
        assertThat(ProcessHandle.of(sleep).map(ProcessHandle::isAlive))
                .as("killing the agent leaves its command running (it has a process group of its own)")
                .hasValue(true);
        agent.start();
        Awaitility.await()
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestCommands.state(sleeper.id()).equals("failed"));
        assertThat(TestCommands.stored(sleeper.id()).path("message").asString()).contains("restarted");
        assertThat(ArgvRunnerGone.gone(sleep))
                .as("the restarted agent ended the command's sleep %d", sleep)
                .isTrue();
        // The agent works on: the next command runs.
        assertThat(runToEnd(run("/bin/echo", "after")).path("state").asString()).isEqualTo("done");
        assertThat(TestCommands.state(sleeper.id())).as("never run again").isEqualTo("failed");
    }
}
