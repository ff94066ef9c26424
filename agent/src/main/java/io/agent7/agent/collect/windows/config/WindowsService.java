package io.agent7.agent.collect.windows.config;

/**
 * Everything read about one service.
 *
 * @param entry            as EnumServicesStatusEx lists it
 * @param config           as QueryServiceConfig returns it; null when the service could not
 *                         be opened for SERVICE_QUERY_CONFIG (its DACL refuses the reader)
 * @param description      QueryServiceConfig2 SERVICE_CONFIG_DESCRIPTION, or null
 * @param delayedAutoStart QueryServiceConfig2 SERVICE_CONFIG_DELAYED_AUTO_START_INFO, or null
 *                         when not read
 * @param serviceDll       Parameters\ServiceDll (or ServiceDll on the service key) as stored,
 *                         unexpanded; null when absent
 * @param accountSid       the SID LookupAccountName gives for the start name, or null when it
 *                         does not resolve
 */
public record WindowsService(
        ServiceEntry entry,
        ServiceConfig config,
        String description,
        Boolean delayedAutoStart,
        String serviceDll,
        String accountSid) {}
