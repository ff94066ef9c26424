package io.agent7.agent.collect.windows.config;

/**
 * One service as EnumServicesStatusEx lists it: an ENUM_SERVICE_STATUS_PROCESS, its
 * SERVICE_STATUS_PROCESS flattened.
 *
 * @param serviceName  the key name under HKLM\SYSTEM\CurrentControlSet\Services
 * @param displayName  the display name, localised by the SCM
 * @param serviceType  dwServiceType: SERVICE_KERNEL_DRIVER 0x1, SERVICE_FILE_SYSTEM_DRIVER 0x2,
 *                     SERVICE_WIN32_OWN_PROCESS 0x10, SERVICE_WIN32_SHARE_PROCESS 0x20, with
 *                     SERVICE_USER_SERVICE 0x40, SERVICE_USERSERVICE_INSTANCE 0x80 and
 *                     SERVICE_INTERACTIVE_PROCESS 0x100 possibly added
 * @param currentState dwCurrentState: SERVICE_STOPPED 1 to SERVICE_PAUSED 7
 * @param processId    dwProcessId, 0 when not running
 * @param serviceFlags dwServiceFlags: SERVICE_RUNS_IN_SYSTEM_PROCESS 0x1
 */
public record ServiceEntry(
        String serviceName, String displayName, int serviceType, int currentState, int processId, int serviceFlags) {}
