package io.agent7.agent.windows;

/**
 * What the service reports to the Service Control Manager: the fields of SERVICE_STATUS, as
 * SetServiceStatus takes them.
 */
public record ServiceStatus(
        int serviceType,
        int currentState,
        int controlsAccepted,
        int win32ExitCode,
        int serviceSpecificExitCode,
        int checkPoint,
        int waitHint) {

    public static final int SERVICE_WIN32_OWN_PROCESS = 0x10;

    public static final int STOPPED = 1;
    public static final int START_PENDING = 2;
    public static final int STOP_PENDING = 3;
    public static final int RUNNING = 4;

    public static final int ACCEPT_STOP = 0x1;
    public static final int ACCEPT_SHUTDOWN = 0x4;

    public static final int NO_ERROR = 0;
    public static final int ERROR_SERVICE_SPECIFIC_ERROR = 1066;
}
