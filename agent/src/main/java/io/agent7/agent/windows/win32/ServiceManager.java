package io.agent7.agent.windows.win32;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import io.agent7.agent.windows.ServiceDefinition;
import java.time.Duration;
import java.util.List;

/** Registers, starts, stops and deletes the agent's service through the Service Control Manager. */
public final class ServiceManager {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final String ELEVATION = "install and uninstall need an elevated prompt (Run as administrator)";

    private ServiceManager() {}

    /** Creates the service, or updates it (an upgrade: stopped first), and starts it. */
    public static void install(ServiceDefinition definition) {
        Winsvc.SC_HANDLE manager = openManager(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
        try {
            Winsvc.SC_HANDLE service =
                    Advapi32.INSTANCE.OpenService(manager, definition.name(), Winsvc.SERVICE_ALL_ACCESS);
            if (service == null) {
                requireError(WinError.ERROR_SERVICE_DOES_NOT_EXIST);
                service = Advapi32.INSTANCE.CreateService(
                        manager,
                        definition.name(),
                        definition.displayName(),
                        Winsvc.SERVICE_ALL_ACCESS,
                        WinNT.SERVICE_WIN32_OWN_PROCESS,
                        WinNT.SERVICE_AUTO_START,
                        WinNT.SERVICE_ERROR_NORMAL,
                        definition.binaryPath(),
                        null,
                        null,
                        null,
                        null, // LocalSystem
                        null);
                check(service != null);
            } else {
                stop(service);
                check(ServiceApi.Holder.INSTANCE.ChangeServiceConfigW(
                        service,
                        WinNT.SERVICE_WIN32_OWN_PROCESS,
                        WinNT.SERVICE_AUTO_START,
                        WinNT.SERVICE_ERROR_NORMAL,
                        definition.binaryPath(),
                        null,
                        null,
                        null,
                        "LocalSystem",
                        null,
                        definition.displayName()));
            }
            try {
                configure(service, definition);
                if (!Advapi32.INSTANCE.StartService(service, 0, null)) {
                    requireError(WinError.ERROR_SERVICE_ALREADY_RUNNING);
                }
            } finally {
                Advapi32.INSTANCE.CloseServiceHandle(service);
            }
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    /** Stops and deletes the service; false when there was none. */
    public static boolean uninstall(String name) {
        Winsvc.SC_HANDLE manager = openManager(Winsvc.SC_MANAGER_CONNECT);
        try {
            Winsvc.SC_HANDLE service = Advapi32.INSTANCE.OpenService(
                    manager, name, Winsvc.SERVICE_STOP | Winsvc.SERVICE_QUERY_STATUS | WinNT.DELETE);
            if (service == null) {
                requireError(WinError.ERROR_SERVICE_DOES_NOT_EXIST);
                return false;
            }
            try {
                stop(service);
                // The manager deletes it once the last handle closes; until then it is marked.
                if (!Advapi32.INSTANCE.DeleteService(service)) {
                    requireError(WinError.ERROR_SERVICE_MARKED_FOR_DELETE);
                }
                return true;
            } finally {
                Advapi32.INSTANCE.CloseServiceHandle(service);
            }
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    /**
     * Stops the service if it exists and runs. It asks for the right to create services, which
     * only an elevated administrator has, so that {@code install} stops at once with a clear
     * message when it is not run as one.
     */
    public static void stop(String name) {
        Winsvc.SC_HANDLE manager = openManager(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
        try {
            Winsvc.SC_HANDLE service =
                    Advapi32.INSTANCE.OpenService(manager, name, Winsvc.SERVICE_STOP | Winsvc.SERVICE_QUERY_STATUS);
            if (service == null) {
                requireError(WinError.ERROR_SERVICE_DOES_NOT_EXIST);
                return;
            }
            try {
                stop(service);
            } finally {
                Advapi32.INSTANCE.CloseServiceHandle(service);
            }
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(manager);
        }
    }

    private static void configure(Winsvc.SC_HANDLE service, ServiceDefinition definition) {
        Winsvc.SERVICE_DESCRIPTION description = new Winsvc.SERVICE_DESCRIPTION();
        description.lpDescription = definition.description();
        check(Advapi32.INSTANCE.ChangeServiceConfig2(service, Winsvc.SERVICE_CONFIG_DESCRIPTION, description));

        List<ServiceDefinition.Action> actions = definition.failureActions();
        Winsvc.SC_ACTION.ByReference first = new Winsvc.SC_ACTION.ByReference();
        Winsvc.SC_ACTION[] array = (Winsvc.SC_ACTION[]) first.toArray(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            array[i].type = actions.get(i).type();
            array[i].delay = actions.get(i).delayMillis();
            array[i].write();
        }
        Winsvc.SERVICE_FAILURE_ACTIONS failure = new Winsvc.SERVICE_FAILURE_ACTIONS();
        failure.dwResetPeriod = definition.resetSeconds();
        failure.cActions = actions.size();
        failure.lpsaActions = first;
        check(Advapi32.INSTANCE.ChangeServiceConfig2(service, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, failure));

        // The agent stops with a non-zero code when it fails without crashing (a Java
        // exception): that is a failure too.
        Winsvc.SERVICE_FAILURE_ACTIONS_FLAG flag = new Winsvc.SERVICE_FAILURE_ACTIONS_FLAG();
        flag.fFailureActionsOnNonCrashFailures = 1;
        check(Advapi32.INSTANCE.ChangeServiceConfig2(service, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, flag));
    }

    /** Asks a running service to stop and waits until it has. */
    private static void stop(Winsvc.SC_HANDLE service) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        if (!Advapi32.INSTANCE.ControlService(service, Winsvc.SERVICE_CONTROL_STOP, status)) {
            requireError(WinError.ERROR_SERVICE_NOT_ACTIVE);
            return;
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (status.dwCurrentState != Winsvc.SERVICE_STOPPED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the service stopped", e);
            }
            check(Advapi32.INSTANCE.QueryServiceStatus(service, status));
        }
    }

    private static Winsvc.SC_HANDLE openManager(int access) {
        Winsvc.SC_HANDLE manager = Advapi32.INSTANCE.OpenSCManager(null, null, access);
        if (manager == null) {
            int error = Kernel32.INSTANCE.GetLastError();
            if (error == WinError.ERROR_ACCESS_DENIED) {
                throw new IllegalStateException(ELEVATION);
            }
            throw new Win32Exception(error);
        }
        return manager;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
        }
    }

    /** Accepts the last error when it is {@code expected}; throws it otherwise. */
    private static void requireError(int expected) {
        int error = Kernel32.INSTANCE.GetLastError();
        if (error == expected) {
            return;
        }
        if (error == WinError.ERROR_ACCESS_DENIED) {
            throw new IllegalStateException(ELEVATION);
        }
        throw new Win32Exception(error);
    }
}
