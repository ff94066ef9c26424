package io.agent7.agent.windows;

/**
 * The states the agent's service goes through, as the Service Control Manager expects them
 * reported: START_PENDING while the JVM loads the credentials and builds the collectors,
 * RUNNING (stop and shutdown accepted) once the agent can be stopped, STOP_PENDING with a
 * check point that grows at every report until the agent's last round ends, then STOPPED.
 * A pending state's wait hint is how long the manager waits for the next report before it
 * thinks the service hung.
 *
 * <p>The control handler and the service's own thread both move it: its methods are
 * synchronized.
 */
final class ServiceLifecycle {

    static final int SERVICE_CONTROL_STOP = 1;
    static final int SERVICE_CONTROL_INTERROGATE = 4;
    static final int SERVICE_CONTROL_SHUTDOWN = 5;

    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;

    /** A JVM's start, the credentials and the schema: seconds, more on a loaded host. */
    static final int START_WAIT_MILLIS = 30_000;

    /** The agent's own stop waits up to 10 s for a round to end (Main's shutdown hook). */
    static final int STOP_WAIT_MILLIS = 15_000;

    /** What a control request answers: the handler's return code and what to report, if anything. */
    record Answer(int result, ServiceStatus report, boolean stopAgent) {}

    private ServiceStatus current;

    synchronized ServiceStatus starting() {
        if (current != null) {
            throw new IllegalStateException("the service starts once; it is " + current.currentState());
        }
        return set(ServiceStatus.START_PENDING, 0, 0, 1, START_WAIT_MILLIS);
    }

    synchronized ServiceStatus running() {
        require(ServiceStatus.START_PENDING);
        return set(ServiceStatus.RUNNING, ServiceStatus.ACCEPT_STOP | ServiceStatus.ACCEPT_SHUTDOWN, 0, 0, 0);
    }

    /** STOP_PENDING, one check point further each time: the stop is progressing. */
    synchronized ServiceStatus stopping() {
        if (current == null || current.currentState() == ServiceStatus.STOPPED) {
            throw new IllegalStateException("only a started service stops");
        }
        int checkPoint = current.currentState() == ServiceStatus.STOP_PENDING ? current.checkPoint() + 1 : 1;
        return set(ServiceStatus.STOP_PENDING, 0, 0, checkPoint, STOP_WAIT_MILLIS);
    }

    /**
     * STOPPED with the agent's exit code: 0 is NO_ERROR; any other is a service-specific error
     * carrying the agent's code (1 failed, 3 credentials revoked), which the failure actions
     * act on and {@code sc query} shows.
     */
    synchronized ServiceStatus stopped(int agentExitCode) {
        if (current == null) {
            throw new IllegalStateException("only a started service stops");
        }
        return agentExitCode == 0
                ? set(ServiceStatus.STOPPED, 0, ServiceStatus.NO_ERROR, 0, 0)
                : set(ServiceStatus.STOPPED, 0, ServiceStatus.ERROR_SERVICE_SPECIFIC_ERROR, 0, 0, agentExitCode);
    }

    /** A further STOP_PENDING while the agent is still stopping; null once it is not. */
    synchronized ServiceStatus progress() {
        return current != null && current.currentState() == ServiceStatus.STOP_PENDING ? stopping() : null;
    }

    synchronized Answer control(int control) {
        return switch (control) {
            case SERVICE_CONTROL_STOP, SERVICE_CONTROL_SHUTDOWN -> {
                boolean active = current != null
                        && (current.currentState() == ServiceStatus.RUNNING
                                || current.currentState() == ServiceStatus.STOP_PENDING);
                yield active
                        ? new Answer(ServiceStatus.NO_ERROR, stopping(), true)
                        : new Answer(ServiceStatus.NO_ERROR, null, false);
            }
            // The manager knows the state from the last report; the handler only answers.
            case SERVICE_CONTROL_INTERROGATE -> new Answer(ServiceStatus.NO_ERROR, null, false);
            default -> new Answer(ERROR_CALL_NOT_IMPLEMENTED, null, false);
        };
    }

    synchronized ServiceStatus current() {
        return current;
    }

    private void require(int state) {
        if (current == null || current.currentState() != state) {
            throw new IllegalStateException(
                    "expected state " + state + ", was " + (current == null ? "not started" : current.currentState()));
        }
    }

    private ServiceStatus set(int state, int accepted, int exitCode, int checkPoint, int waitHint) {
        return set(state, accepted, exitCode, checkPoint, waitHint, 0);
    }

    private ServiceStatus set(int state, int accepted, int exitCode, int checkPoint, int waitHint, int specific) {
        current = new ServiceStatus(
                ServiceStatus.SERVICE_WIN32_OWN_PROCESS, state, accepted, exitCode, specific, checkPoint, waitHint);
        return current;
    }
}
