package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.windows.ToolOutput.Endpoint;
import io.agent7.agent.collect.windows.config.ServiceMapping;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Windows collectors against Windows' own tools, on the Windows host the test runs on:
 * {@code tasklist}, {@code netstat -ano}, {@code sc query}, {@code schtasks /query} and
 * {@code net user}. A tool runs before and after the collector, and only what it showed both
 * times must be found, so processes and sockets that come and go in between do not count.
 *
 * <p>It runs from an elevated prompt on Windows, where the agent module's {@code windows-host}
 * profile turns it on ({@code mvn -pl agent -am verify -DskipUnitTests=true
 * -Dit.test=WindowsGroundTruthIT}; docs/AGENT-WINDOWS.md). Anywhere else it fails: it is never
 * skipped quietly.
 */
class WindowsGroundTruthIT {

    @BeforeAll
    static void onWindows() {
        assertThat(System.getProperty("os.name"))
                .as("the ground-truth test compares with Windows' own tools; run it on Windows")
                .startsWith("Windows");
    }

    @Test
    void everyProcessTasklistShowsIsCollectedWithItsImageName() {
        Map<Long, String> before = ToolOutput.tasklist(run("tasklist /fo csv /nh"));
        List<ObjectNode> docs = collect("process");
        Map<Long, String> after = ToolOutput.tasklist(run("tasklist /fo csv /nh"));
        Map<Long, String> collected = new HashMap<>();
        docs.forEach(d -> collected.put(Fields.number(d, "process.pid"), Fields.text(d, "process.name")));

        Map<Long, String> stable = stable(before, after);
        stable.remove(0L); // the System Idle Process is no process
        assertThat(new TreeSet<>(missing(stable.keySet(), collected.keySet())))
                .as("pids tasklist showed before and after, not collected")
                .isEmpty();
        stable.forEach((pid, name) -> assertThat(ToolOutput.fold(collected.get(pid)))
                .as("image name of pid " + pid)
                .isEqualTo(ToolOutput.fold(name)));
    }

    @Test
    void everyEndpointNetstatShowsIsCollectedWithItsOwningPid() {
        Set<Endpoint> before = ToolOutput.netstat(run("netstat -ano"));
        List<ObjectNode> docs = collect("network_connection");
        Set<Endpoint> after = ToolOutput.netstat(run("netstat -ano"));
        Set<Endpoint> collected = docs.stream()
                .map(d -> new Endpoint(
                        Fields.text(d, "network.transport"),
                        Fields.text(d, "source.ip"),
                        Fields.number(d, "source.port"),
                        Fields.has(d, "process.pid") ? Fields.number(d, "process.pid") : 0L))
                .collect(Collectors.toSet());
        Set<Endpoint> stable = new HashSet<>(before);
        stable.retainAll(after);
        assertThat(missing(stable, collected))
                .as("endpoints netstat -ano showed before and after, not collected")
                .isEmpty();
    }

    @Test
    void everyServiceScShowsIsCollectedInTheSameState() {
        Map<String, Integer> before = folded(ToolOutput.scQuery(run("sc query type= service state= all")));
        List<ObjectNode> docs = collect("service");
        Map<String, Integer> after = folded(ToolOutput.scQuery(run("sc query type= service state= all")));
        Map<String, String> collected = new HashMap<>();
        docs.forEach(d -> collected.put(
                ToolOutput.fold(Fields.text(d, "service.name")), String.valueOf(Fields.text(d, "service.state"))));

        assertThat(new TreeSet<>(missing(before.keySet(), collected.keySet())))
                .as("services sc query shows, not collected")
                .isEmpty();
        Map<String, Integer> stable = stable(before, after);
        stable.forEach((name, state) -> assertThat(collected.get(name))
                .as("state of " + name + " (SERVICE_STATUS.dwCurrentState " + state + ")")
                .isEqualTo(ServiceMapping.state(state)));
    }

    @Test
    void everyTaskSchtasksShowsIsCollectedHiddenOnesToo() {
        Set<String> before = folded(ToolOutput.schtasks(run("schtasks /query /fo csv /nh")));
        Set<String> collected = folded(Set.copyOf(Fields.column(collect("scheduled_task"), "scheduled_task.path")));
        Set<String> after = folded(ToolOutput.schtasks(run("schtasks /query /fo csv /nh")));
        Set<String> stable = new HashSet<>(before);
        stable.retainAll(after);
        assertThat(new TreeSet<>(missing(stable, collected)))
                .as("tasks schtasks shows, not collected")
                .isEmpty();
    }

    @Test
    void theLocalUsersAreTheAccountsNetUserLists() {
        Set<String> listed = folded(ToolOutput.netUser(run("net user")));
        Set<String> collected = folded(Set.copyOf(Fields.column(collect("local_user"), "user.name")));
        assertThat(collected).as("local_user documents against net user").isEqualTo(listed);
    }

    private static List<ObjectNode> collect(String type) {
        Collector collector = WindowsCollectors.all(Schema.standard()).stream()
                .filter(c -> c.type().name().equals(type))
                .findFirst()
                .orElseThrow();
        List<ObjectNode> docs = collector.collect();
        Fields.assertConforms(type, docs);
        return docs;
    }

    /** A command's output through cmd, in UTF-8 so that non-ASCII names arrive whole. */
    private static String run(String command) {
        try {
            Process process = new ProcessBuilder("cmd.exe", "/c", "chcp 65001 >nul & " + command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as(command + " ends")
                    .isTrue();
            assertThat(process.exitValue()).as(command + " exits 0:\n" + output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The entries the two readings agree on. */
    private static <K, V> Map<K, V> stable(Map<K, V> before, Map<K, V> after) {
        Map<K, V> stable = new HashMap<>();
        before.forEach((key, value) -> {
            if (value.equals(after.get(key))) {
                stable.put(key, value);
            }
        });
        return stable;
    }

    private static <T> Set<T> missing(Set<T> expected, Set<T> found) {
        Set<T> missing = new HashSet<>(expected);
        missing.removeAll(found);
        return missing;
    }

    private static Set<String> folded(Set<String> names) {
        return names.stream().map(ToolOutput::fold).collect(Collectors.toSet());
    }

    private static Map<String, Integer> folded(Map<String, Integer> byName) {
        Map<String, Integer> folded = new HashMap<>();
        byName.forEach((name, value) -> folded.put(name.toLowerCase(Locale.ROOT), value));
        return folded;
    }
}
