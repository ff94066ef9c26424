package io.agent7.agent.collect.windows.config;

import java.util.List;

/**
 * A service's configuration as QueryServiceConfig returns it (QUERY_SERVICE_CONFIG).
 *
 * @param serviceType      dwServiceType, as in {@link ServiceEntry#serviceType()}
 * @param startType        dwStartType: SERVICE_BOOT_START 0, SERVICE_SYSTEM_START 1,
 *                         SERVICE_AUTO_START 2, SERVICE_DEMAND_START 3, SERVICE_DISABLED 4
 * @param binaryPathName   lpBinaryPathName as stored (ImagePath): quoted or not, with
 *                         %SystemRoot%, \SystemRoot\ or \??\ as written
 * @param loadOrderGroup   lpLoadOrderGroup, or null
 * @param dependencies     lpDependencies, the double-NUL list split: service names, and load
 *                         order groups prefixed with SC_GROUP_IDENTIFIER '+'
 * @param serviceStartName lpServiceStartName: the account (LocalSystem,
 *                         NT AUTHORITY\LocalService, .\svc, DOMAIN\svc), or for a driver the
 *                         object name it loads under
 */
public record ServiceConfig(
        int serviceType,
        int startType,
        String binaryPathName,
        String loadOrderGroup,
        List<String> dependencies,
        String serviceStartName) {

    public ServiceConfig {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
