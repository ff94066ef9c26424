package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.ProcessCollector;
import io.agent7.protocol.Command;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;
import tools.jackson.databind.JsonNode;

class CommandExecutorTest {

    static final Instant T0 = Instant.now();
    static final oshi.software.os.OperatingSystem OS = new SystemInfo().getOperatingSystem();

    final List<String> collected = new ArrayList<>();
    final CommandExecutor executor = new CommandExecutor(new BuiltInActions(
            BuiltInActions.processes(
                    new ProcessCollector(Schema.standard(), OS),
                    pid -> Optional.ofNullable(OS.getProcess((int) pid))
                            .filter(p -> p.getStartTime() > 0)
                            .map(p -> Instant.ofEpochMilli(p.getStartTime()))),
            type -> type.equals("process") && collected.add(type)));
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopStarted() {
        started.forEach(Process::destroyForcibly);
    }

    static Command command(Command.Action action, Map<String, String> params, long cap, String... argv) {
        return new Command(
                UUID.randomUUID().toString(),
                "host-1",
                action,
                List.of(argv),
                params,
                false,
                Duration.ofSeconds(20),
                cap,
                T0,
                T0.plusSeconds(600),
                UUID.randomUUID().toString());
    }

    CommandExecutor.Outcome execute(Command command) throws Exception {
        return executor.execute(command, output::writeBytes);
    }

    String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> lines() {
        return text().lines().map(JsonTrees::read).toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theProcessListIsWhatTheProcessCollectorReports() throws Exception {
        CommandExecutor.Outcome outcome = execute(command(Command.Action.PROCESS_LIST, Map.of(), 64 << 20));
        assertThat(outcome.exitCode()).isZero();
        assertThat(lines())
                .extracting(l -> l.path("process").path("pid").asLong())
                .contains(ProcessHandle.current().pid());
        assertThat(outcome.sha256()).isEqualTo(sha256(output.toByteArray()));
    }

    @Test
    void aCommandToldToStopEndsCancelledNotTimedOut() throws Exception {
        CommandExecutor.Outcome builtIn = executor.execute(
                command(Command.Action.PROCESS_LIST, Map.of(), 64 << 20), output::writeBytes, p -> {}, () -> true);
        assertThat(builtIn.cancelled()).isTrue();
        assertThat(builtIn.timedOut()).isFalse();
        assertThat(builtIn.exitCode()).isEqualTo(-1);

        long began = System.nanoTime();
        CommandExecutor.Outcome run = executor.execute(
                command(Command.Action.RUN, Map.of(), 1 << 20, "/bin/sleep", "30"),
                output::writeBytes,
                p -> {},
                () -> System.nanoTime() - began > TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(run.cancelled()).isTrue();
        assertThat(run.timedOut()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aProcessIsKilledOnlyWhenItsStartTimeMatches() throws Exception {
        Process sleeper = new ProcessBuilder("/bin/sleep", "60").start();
        started.add(sleeper);
        Instant start = Instant.ofEpochMilli(OS.getProcess((int) sleeper.pid()).getStartTime());

        CommandExecutor.Outcome reused = execute(command(
                Command.Action.KILL_PROCESS,
                Map.of(
                        "pid",
                        Long.toString(sleeper.pid()),
                        "start",
                        start.minusSeconds(30).toString()),
                4096));
        assertThat(reused.exitCode()).isEqualTo(1);
        assertThat(lines().get(0).path("error").asString()).contains("the pid was reused");
        assertThat(sleeper.isAlive()).isTrue();

        output.reset();
        CommandExecutor.Outcome killed = execute(command(
                Command.Action.KILL_PROCESS,
                Map.of("pid", Long.toString(sleeper.pid()), "start", start.toString()),
                4096));
        assertThat(killed.exitCode()).as(text()).isZero();
        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();

        output.reset();
        assertThat(execute(command(Command.Action.KILL_PROCESS, Map.of("pid", "x; kill -9 1", "start", "now"), 4096))
                        .exitCode())
                .isEqualTo(1);
        assertThat(text()).contains("kill_process needs pid");
    }

    @Test
    void aFileIsDescribedHashedAndFetchedWithinItsBound() throws Exception {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("evil.bin"), bytes);

        assertThat(execute(command(Command.Action.FILE_INFO, Map.of("path", file.toString()), 4096))
                        .exitCode())
                .isZero();
        JsonNode info = lines().get(0);
        assertThat(info.path("sha256").asString()).isEqualTo(sha256(bytes));
        assertThat(info.path("size").asLong()).isEqualTo(100_000);
        assertThat(info.path("type").asString()).isEqualTo("file");

        output.reset();
        CommandExecutor.Outcome fetched =
                execute(command(Command.Action.GET_FILE, Map.of("path", file.toString()), 1 << 20));
        assertThat(fetched.exitCode()).isZero();
        assertThat(output.toByteArray()).isEqualTo(bytes);
        assertThat(fetched.sha256())
                .as("binary content comes back byte for byte")
                .isEqualTo(sha256(bytes));

        output.reset();
        CommandExecutor.Outcome tooBig =
                execute(command(Command.Action.GET_FILE, Map.of("path", file.toString()), 50_000));
        assertThat(tooBig.exitCode()).isEqualTo(1);
        assertThat(text()).contains("holds 100000 bytes, more than the 50000");

        output.reset();
        assertThat(execute(command(Command.Action.GET_FILE, Map.of("path", "relative/evil.bin"), 4096))
                        .exitCode())
                .isEqualTo(1);
        assertThat(text()).contains("needs an absolute path");
    }

    @Test
    void aDirectoryIsListedAndCollectNowAsksTheAgent() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.createDirectory(dir.resolve("a"));
        assertThat(execute(command(Command.Action.LIST_DIRECTORY, Map.of("path", dir.toString()), 4096))
                        .exitCode())
                .isZero();
        assertThat(lines())
                .extracting(
                        l -> l.path("name").asString() + ":" + l.path("type").asString())
                .containsExactly("a:dir", "b.txt:file");

        output.reset();
        assertThat(execute(command(Command.Action.COLLECT_NOW, Map.of("type", "process"), 4096))
                        .exitCode())
                .isZero();
        assertThat(collected).containsExactly("process");
        assertThat(execute(command(Command.Action.COLLECT_NOW, Map.of("type", "ad_user"), 4096))
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void runHandsItsArgvOverLiterallyAndShellModeUsesTheShell() throws Exception {
        CommandExecutor.Outcome ran =
                execute(command(Command.Action.RUN, Map.of(), 4096, "/bin/echo", "$(id)", "`id`"));
        assertThat(ran.exitCode()).isZero();
        assertThat(text()).isEqualTo("$(id) `id`\n");

        output.reset();
        Command shell = new Command(
                "c",
                "host-1",
                Command.Action.RUN,
                List.of("echo $((6*7))"),
                Map.of(),
                true,
                Duration.ofSeconds(10),
                4096,
                T0,
                T0.plusSeconds(60),
                "n");
        assertThat(executor.execute(shell, output::writeBytes).exitCode()).isZero();
        assertThat(text()).isEqualTo("42\n");

        output.reset();
        CommandExecutor.Outcome missing = execute(command(Command.Action.RUN, Map.of(), 4096, "/no/such/tool"));
        assertThat(missing.exitCode()).isEqualTo(CommandExecutor.CANNOT_START);
        assertThat(text()).contains("cannot start /no/such/tool");

        output.reset();
        CommandExecutor.Outcome capped =
                execute(command(Command.Action.RUN, Map.of(), 100, "/usr/bin/head", "-c", "10000", "/dev/zero"));
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.bytes()).isEqualTo(100);
    }
}
