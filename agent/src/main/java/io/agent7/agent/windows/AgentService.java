package io.agent7.agent.windows;

import io.agent7.agent.windows.win32.ServiceDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The agent run by the Service Control Manager ({@code agent service}, the command
 * {@code install} registers): it reports START_PENDING, RUNNING once the agent can be
 * stopped, and STOPPED with the agent's exit code when it returns, and stops the agent on the
 * manager's stop and shutdown requests. A service has no console: the log goes to
 * agent0.log (then agent1.log, agent2.log, 10 MB each) in the state folder.
 */
public final class AgentService implements ServiceDispatcher.Service {

    /** The agent's body: runs until stopped, handing over how to stop it once it can be stopped. */
    @FunctionalInterface
    public interface Agent {
        int run(Consumer<Runnable> whenStoppable) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(AgentService.class.getName());

    /** How often a stopping service tells the manager it is still stopping. */
    private static final long PROGRESS_MILLIS = 5_000;

    private final Agent agent;
    private final ServiceLifecycle lifecycle = new ServiceLifecycle();

    private volatile Runnable stop;
    private volatile int exitCode = 1;

    AgentService(Agent agent) {
        this.agent = agent;
    }

    /** Serves the agent under the Service Control Manager; its exit code once stopped. */
    public static int run(Path stateDir, Agent agent) throws IOException {
        Files.createDirectories(stateDir);
        FileHandler log = new FileHandler(stateDir.resolve("agent%g.log").toString(), 10 << 20, 3, true);
        log.setFormatter(new SimpleFormatter());
        Logger.getLogger("").addHandler(log);
        AgentService service = new AgentService(agent);
        new ServiceDispatcher(ServiceDefinition.NAME, service).dispatch();
        return service.exitCode;
    }

    @Override
    public void run(ServiceDispatcher.Reporter report) {
        report.report(lifecycle.starting());
        int code;
        try {
            code = agent.run(stopper -> {
                stop = stopper;
                report.report(lifecycle.running());
            });
        } catch (Exception e) {
            LOG.severe("The agent failed: " + e);
            code = 1;
        }
        exitCode = code;
        report.report(lifecycle.stopped(code));
    }

    @Override
    public int control(int control, ServiceDispatcher.Reporter report) {
        ServiceLifecycle.Answer answer = lifecycle.control(control);
        if (answer.report() != null) {
            report.report(answer.report());
        }
        if (answer.stopAgent() && stop != null) {
            Runnable stopper = stop;
            stop = null;
            stopper.run();
            Thread progress = new Thread(() -> reportProgress(report), "agent7-service-stop");
            progress.setDaemon(true);
            progress.start();
        }
        return answer.result();
    }

    /** Until the agent's last round ends, a new check point every few seconds: it is not hung. */
    private void reportProgress(ServiceDispatcher.Reporter report) {
        try {
            while (true) {
                Thread.sleep(PROGRESS_MILLIS);
                ServiceStatus status = lifecycle.progress();
                if (status == null) {
                    return;
                }
                report.report(status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
