package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Windows host's named pipes are what the pipe collector's mapping makes of the pipe
 * directory's listing, and match the services and processes the host runs.
 */
class PipeDocsTest {

    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(21L, 120);
    }

    private static Set<String> names(List<ObjectNode> pipes) {
        return new HashSet<>(Fields.column(pipes, "pipe.name"));
    }

    @Test
    void pipesConformAndEveryHostHasWindowsOwnRpcPipes() {
        for (VirtualHost host : windows) {
            List<ObjectNode> pipes = Fleets.collect(host, "pipe");
            Fields.assertConforms("pipe", pipes);
            assertThat(pipes).as(host.hostName()).hasSizeBetween(15, 60);
            assertThat(names(pipes))
                    .as(host.hostName())
                    .contains("InitShutdown", "lsass", "ntsvcs", "scerpc", "epmapper", "eventlog", "wkssvc", "srvsvc");
            assertThat(pipes).allSatisfy(doc -> {
                assertThat(Fields.text(doc, "pipe.type")).isEqualTo("named_pipe");
                assertThat(Fields.text(doc, "file.path")).isEqualTo("\\\\.\\pipe\\" + Fields.text(doc, "pipe.name"));
                assertThat(Fields.number(doc, "pipe.current_instances")).isPositive();
            });
        }
    }

    @Test
    void servicePipesExistWhileTheirServiceRuns() {
        for (VirtualHost host : windows) {
            Set<String> pipes = names(Fleets.collect(host, "pipe"));
            List<ObjectNode> services = Fleets.collect(host, "service");
            assertThat(pipes.contains("spoolss"))
                    .as("%s spoolss", host.hostName())
                    .isEqualTo(running(services, "Spooler"));
            assertThat(pipes.contains("sql\\query"))
                    .as("%s sql\\query", host.hostName())
                    .isEqualTo(host.role().equals("SQL_SERVER"))
                    .isEqualTo(running(services, "MSSQLSERVER"));
            assertThat(pipes.contains("SearchTextHarvester"))
                    .as("%s Windows Search", host.hostName())
                    .isEqualTo(running(services, "WSearch"));
        }
    }

    private static boolean running(List<ObjectNode> services, String name) {
        List<ObjectNode> found = Fields.all(services, "service.name", name);
        return !found.isEmpty() && Fields.has(found.get(0), "service.pid");
    }

    /** Winsock listeners, PSHost and browsers' pipes name pids of the host's running processes. */
    @Test
    void pipesNamedAfterAProcessNameARunningOne() {
        int browsers = 0;
        for (VirtualHost host : windows) {
            Set<Long> pids = HostConsistencyTest.processesByPid(host).keySet();
            for (String name : names(Fleets.collect(host, "pipe"))) {
                String pid = null;
                if (name.startsWith("Winsock2\\CatalogChangeListener-")) {
                    pid = String.valueOf(Long.parseLong(name.split("-")[1], 16));
                } else if (name.startsWith("mojo.") || name.startsWith("PSHost.")) {
                    pid = name.split("\\.")[name.startsWith("mojo.") ? 1 : 2];
                    browsers += name.startsWith("mojo.") ? 1 : 0;
                } else if (name.startsWith("crashpad_")) {
                    pid = name.split("_")[1];
                }
                if (pid != null) {
                    assertThat(pids).as("%s %s", host.hostName(), name).contains(Long.parseLong(pid));
                }
            }
        }
        assertThat(browsers).as("browsers' mojo pipes").isPositive();
    }

    /** Each IIS worker's command line names the pipe WAS talks to it over, and that pipe exists. */
    @Test
    void iisWorkersPipesAreTheOnesTheirCommandLinesName() {
        int workers = 0;
        for (VirtualHost host : windows) {
            Set<String> pipes = names(Fleets.collect(host, "pipe"));
            for (ObjectNode process : Fleets.collect(host, "process")) {
                String command = Fields.text(process, "process.command_line");
                if (command != null && command.contains("\\\\.\\pipe\\iisipm")) {
                    workers++;
                    String pipe = command.split("\\\\\\\\.\\\\pipe\\\\")[1].split(" ")[0];
                    assertThat(pipes).as(host.hostName()).contains(pipe);
                }
            }
        }
        assertThat(workers).isPositive();
    }

    @Test
    void theSameSeedGivesTheSamePipes() {
        List<VirtualHost> again = Fleets.windows(21L, 120);
        for (int i = 0; i < windows.size(); i++) {
            assertThat(Fleets.collect(again.get(i), "pipe")).isEqualTo(Fleets.collect(windows.get(i), "pipe"));
        }
    }
}
