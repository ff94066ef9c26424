package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what the Service Control Manager says about a service into a {@code service} document.
 *
 * @param computerName the host's name, which a start name's {@code .\} stands for
 * @param environment  the system environment the SCM expands ImagePath and ServiceDll with
 *                     ({@code SystemRoot}, {@code ProgramFiles}, ...)
 * @param fileExists   whether a file exists at an absolute Windows path, to resolve an
 *                     unquoted ImagePath with spaces as CreateProcess would
 */
public record ServiceMapping(String computerName, Map<String, String> environment, Predicate<String> fileExists) {

    static final String SERVICES_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\";

    private static final int KERNEL_DRIVER = 0x1;
    private static final int FILE_SYSTEM_DRIVER = 0x2;
    private static final int DRIVER = 0xB;
    private static final int OWN_PROCESS = 0x10;
    private static final int SHARE_PROCESS = 0x20;
    private static final int AUTO_START = 2;

    public ServiceMapping {
        environment = Map.copyOf(environment);
    }

    public ObjectNode document(WindowsService service) {
        ServiceEntry entry = service.entry();
        ServiceConfig config = service.config();
        int serviceType = config != null ? config.serviceType() : entry.serviceType();
        Doc doc = new Doc()
                .text("service.name", entry.serviceName())
                .text("service.display_name", entry.displayName())
                .text("service.description", service.description())
                .text("service.state", state(entry.currentState()))
                .text("service.type", type(serviceType))
                .text("service.unit_file", SERVICES_KEY + entry.serviceName())
                .text("service.service_dll", WindowsCommandLine.path(service.serviceDll(), environment, fileExists));
        if (entry.processId() != 0) {
            doc.number("service.pid", Integer.toUnsignedLong(entry.processId()));
        }
        if (config != null) {
            doc.text("service.start_type", startType(config.startType(), service.delayedAutoStart()))
                    .texts("service.dependencies", config.dependencies())
                    .command(WindowsCommandLine.of(config.binaryPathName(), environment, fileExists));
            // A driver's start name is the object it loads under (\Driver\Acpi), not an account.
            if ((serviceType & DRIVER) == 0) {
                ServiceAccount account =
                        ServiceAccount.of(config.serviceStartName(), service.accountSid(), computerName);
                if (account != null) {
                    doc.account(account.name(), account.id(), account.domain())
                            .bool("service.privileged", account.privileged());
                }
            }
        }
        return doc.build();
    }

    /** dwCurrentState (SERVICE_STOPPED 1 ... SERVICE_PAUSED 7), as {@code sc query} words it in lower case. */
    public static String state(int currentState) {
        return switch (currentState) {
            case 1 -> "stopped";
            case 2 -> "start_pending";
            case 3 -> "stop_pending";
            case 4 -> "running";
            case 5 -> "continue_pending";
            case 6 -> "pause_pending";
            case 7 -> "paused";
            default -> null;
        };
    }

    /** dwStartType; an auto-start service with the delayed flag is delayed_auto, as services.msc shows it. */
    static String startType(int startType, Boolean delayed) {
        return switch (startType) {
            case 0 -> "boot";
            case 1 -> "system";
            case AUTO_START -> Boolean.TRUE.equals(delayed) ? "delayed_auto" : "auto";
            case 3 -> "manual";
            case 4 -> "disabled";
            default -> null;
        };
    }

    /**
     * dwServiceType by its base kind. The user-service (0x40, 0x80) and interactive (0x100)
     * bits ride on top of own or share process and do not change what runs.
     */
    static String type(int serviceType) {
        if ((serviceType & SHARE_PROCESS) != 0) {
            return "share_process";
        }
        if ((serviceType & OWN_PROCESS) != 0) {
            return "own_process";
        }
        if ((serviceType & FILE_SYSTEM_DRIVER) != 0) {
            return "file_system_driver";
        }
        if ((serviceType & KERNEL_DRIVER) != 0) {
            return "kernel_driver";
        }
        return null;
    }
}
