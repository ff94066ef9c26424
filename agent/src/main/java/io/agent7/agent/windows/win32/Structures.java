package io.agent7.agent.windows.win32;

import com.sun.jna.platform.win32.Winsvc;
import io.agent7.agent.windows.ServiceStatus;

/** Conversions between the service's records and jna-platform's Winsvc structures. */
final class Structures {

    private Structures() {}

    static Winsvc.SERVICE_STATUS serviceStatus(ServiceStatus status) {
        Winsvc.SERVICE_STATUS s = new Winsvc.SERVICE_STATUS();
        s.dwServiceType = status.serviceType();
        s.dwCurrentState = status.currentState();
        s.dwControlsAccepted = status.controlsAccepted();
        s.dwWin32ExitCode = status.win32ExitCode();
        s.dwServiceSpecificExitCode = status.serviceSpecificExitCode();
        s.dwCheckPoint = status.checkPoint();
        s.dwWaitHint = status.waitHint();
        return s;
    }
}
