package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.Memory;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.Winsvc;
import io.agent7.agent.collect.windows.config.ServiceConfig;
import io.agent7.agent.collect.windows.config.ServiceEntry;
import io.agent7.agent.collect.windows.config.WindowsService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every Win32 service and driver the Service Control Manager knows, with its configuration,
 * description, delayed-start flag, ServiceDll and the SID of its account.
 */
public final class ServiceReader {

    private static final String SERVICES = "SYSTEM\\CurrentControlSet\\Services\\";
    /** QueryServiceConfig2 fails so for a description whose MUI resource is missing: the service has none to show. */
    private static final Set<Integer> NO_DESCRIPTION = Set.of(
            WinError.ERROR_MUI_FILE_NOT_FOUND,
            WinError.ERROR_MUI_FILE_NOT_LOADED,
            WinError.ERROR_RESOURCE_TYPE_NOT_FOUND,
            WinError.ERROR_RESOURCE_NAME_NOT_FOUND);

    private final Map<String, Optional<String>> sids = new HashMap<>();

    public String computerName() {
        return Kernel32Util.getComputerName();
    }

    public List<WindowsService> read() {
        List<WindowsService> services = new ArrayList<>();
        W32ServiceManager scm = new W32ServiceManager();
        scm.open(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_ENUMERATE_SERVICE);
        try {
            Winsvc.ENUM_SERVICE_STATUS_PROCESS[] listed = scm.enumServicesStatusExProcess(
                    WinNT.SERVICE_WIN32 | WinNT.SERVICE_DRIVER, Winsvc.SERVICE_STATE_ALL, null);
            for (Winsvc.ENUM_SERVICE_STATUS_PROCESS listing : listed) {
                ServiceEntry entry = entry(listing);
                read(scm, entry).ifPresent(services::add);
            }
        } finally {
            scm.close();
        }
        return services;
    }

    private static ServiceEntry entry(Winsvc.ENUM_SERVICE_STATUS_PROCESS listing) {
        Winsvc.SERVICE_STATUS_PROCESS status = listing.ServiceStatusProcess;
        return new ServiceEntry(
                listing.lpServiceName,
                listing.lpDisplayName,
                status.dwServiceType,
                status.dwCurrentState,
                status.dwProcessId,
                status.dwServiceFlags);
    }

    /** Empty when the service was deleted since it was listed. */
    private Optional<WindowsService> read(W32ServiceManager scm, ServiceEntry entry) {
        Winsvc.SC_HANDLE handle =
                Advapi32.INSTANCE.OpenService(scm.getHandle(), entry.serviceName(), Winsvc.SERVICE_QUERY_CONFIG);
        if (handle == null) {
            int error = com.sun.jna.Native.getLastError();
            if (error == WinError.ERROR_SERVICE_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            if (error == WinError.ERROR_ACCESS_DENIED) {
                // A service whose DACL refuses SERVICE_QUERY_CONFIG: the listing is all there is.
                return Optional.of(new WindowsService(entry, null, null, null, serviceDll(entry.serviceName()), null));
            }
            throw new Win32Exception(error);
        }
        try {
            ServiceConfig config = config(handle);
            String description = description(handle);
            Boolean delayed = delayedAutoStart(handle);
            return Optional.of(new WindowsService(
                    entry,
                    config,
                    description,
                    delayed,
                    serviceDll(entry.serviceName()),
                    sid(config.serviceStartName(), config.serviceType())));
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(handle);
        }
    }

    private static ServiceConfig config(Winsvc.SC_HANDLE handle) {
        Memory buffer = Buffers.fill(
                (memory, size, needed) -> ServiceApi.Holder.INSTANCE.QueryServiceConfig(handle, memory, size, needed));
        QueryServiceConfig config = new QueryServiceConfig(buffer);
        return new ServiceConfig(
                config.dwServiceType,
                config.dwStartType,
                Buffers.wide(config.lpBinaryPathName),
                Buffers.wide(config.lpLoadOrderGroup),
                Buffers.multiString(config.lpDependencies),
                Buffers.wide(config.lpServiceStartName));
    }

    private static String description(Winsvc.SC_HANDLE handle) {
        try {
            Memory buffer = Buffers.fill((memory, size, needed) -> Advapi32.INSTANCE.QueryServiceConfig2(
                    handle, Winsvc.SERVICE_CONFIG_DESCRIPTION, memory, size, needed));
            Winsvc.SERVICE_DESCRIPTION description = Structure.newInstance(Winsvc.SERVICE_DESCRIPTION.class, buffer);
            description.read();
            return description.lpDescription;
        } catch (Win32Exception e) {
            if (NO_DESCRIPTION.contains(e.getErrorCode())) {
                return null;
            }
            throw e;
        }
    }

    private static Boolean delayedAutoStart(Winsvc.SC_HANDLE handle) {
        Memory buffer = Buffers.fill((memory, size, needed) -> Advapi32.INSTANCE.QueryServiceConfig2(
                handle, Winsvc.SERVICE_CONFIG_DELAYED_AUTO_START_INFO, memory, size, needed));
        return new ServiceDelayedAutoStartInfo(buffer).fDelayedAutostart != 0;
    }

    /**
     * Parameters\ServiceDll, or ServiceDll on the service key where older services keep it, read
     * in the 64-bit view whatever the JVM's bitness.
     */
    private static String serviceDll(String serviceName) {
        for (String key : List.of(SERVICES + serviceName + "\\Parameters", SERVICES + serviceName)) {
            if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, "ServiceDll", WinNT.KEY_WOW64_64KEY)) {
                Object value = Advapi32Util.registryGetValues(WinReg.HKEY_LOCAL_MACHINE, key, WinNT.KEY_WOW64_64KEY)
                        .get("ServiceDll");
                if (value instanceof String dll) {
                    return dll;
                }
            }
        }
        return null;
    }

    /** The start name's SID; drivers' start names are object names, LocalSystem is not a lookup name. */
    private String sid(String startName, int serviceType) {
        if (startName == null
                || startName.isBlank()
                || (serviceType & WinNT.SERVICE_DRIVER) != 0
                || startName.equalsIgnoreCase("LocalSystem")) {
            return null;
        }
        return sids.computeIfAbsent(startName, ServiceReader::lookup).orElse(null);
    }

    private static Optional<String> lookup(String account) {
        String name = account.startsWith(".\\") ? account.substring(2) : account;
        try {
            return Optional.of(Advapi32Util.getAccountByName(name).sidString);
        } catch (Win32Exception e) {
            if (e.getErrorCode() == WinError.ERROR_NONE_MAPPED) {
                // A deleted account, or a domain account while the domain is out of reach.
                return Optional.empty();
            }
            throw e;
        }
    }
}
