package io.agent7.agent.windows.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Winsvc;
import io.agent7.agent.windows.ServiceStatus;

/**
 * The service's side of the Service Control Manager: StartServiceCtrlDispatcher on the
 * calling thread (it returns when the service has stopped), a ServiceMain that registers the
 * control handler with RegisterServiceCtrlHandlerEx and runs the agent, and SetServiceStatus
 * for every report. The callbacks are fields so that they stay reachable while native code
 * holds them.
 */
public final class ServiceDispatcher {

    /** What the service does, told by the dispatcher; the answers are reported as they come. */
    public interface Service {
        /** Runs the service on ServiceMain's thread, reporting through {@code report}; returns when it stopped. */
        void run(Reporter report);

        /** A control request: the handler's return code; any report is made through {@code report}. */
        int control(int control, Reporter report);
    }

    /** Reports a status to the Service Control Manager. */
    @FunctionalInterface
    public interface Reporter {
        void report(ServiceStatus status);
    }

    private final String name;
    private final Service service;

    private volatile Winsvc.SERVICE_STATUS_HANDLE handle;
    private volatile RuntimeException failure;

    private final Winsvc.HandlerEx handler = new Winsvc.HandlerEx() {
        @Override
        public int callback(int control, int eventType, Pointer eventData, Pointer context) {
            return service.control(control, ServiceDispatcher.this::report);
        }
    };

    private final Winsvc.SERVICE_MAIN_FUNCTION main = new Winsvc.SERVICE_MAIN_FUNCTION() {
        @Override
        public void callback(int argc, Pointer argv) {
            Winsvc.SERVICE_STATUS_HANDLE registered =
                    Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(name, handler, null);
            if (registered == null) {
                failure = new Win32Exception(Kernel32.INSTANCE.GetLastError());
                return;
            }
            handle = registered;
            service.run(ServiceDispatcher.this::report);
        }
    };

    public ServiceDispatcher(String name, Service service) {
        this.name = name;
        this.service = service;
    }

    /**
     * Connects to the Service Control Manager and serves until the service stops. Started from
     * a console rather than by the manager, it fails at once with a message saying so.
     */
    public void dispatch() {
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        entry.lpServiceName = name;
        entry.lpServiceProc = main;
        // The table ends with an entry of nulls.
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            int error = Kernel32.INSTANCE.GetLastError();
            if (error == WinError.ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
                throw new IllegalStateException(
                        "'service' is what the Service Control Manager runs; from a console, use 'run'");
            }
            throw new Win32Exception(error);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void report(ServiceStatus status) {
        Winsvc.SERVICE_STATUS structure = Structures.serviceStatus(status);
        if (!Advapi32.INSTANCE.SetServiceStatus(handle, structure)) {
            throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
        }
    }
}
