package io.agent7.agent.collect.windows.process;

/**
 * NetGetJoinInformation and DsRoleGetPrimaryDomainInformation (DsRolePrimaryDomainInfoBasic).
 *
 * @param joinName      the domain or workgroup name NetGetJoinInformation returns (NetBIOS form)
 * @param joinStatus    NETSETUP_JOIN_STATUS: 0 unknown, 1 unjoined, 2 workgroup, 3 domain
 * @param machineRole   DSROLE_MACHINE_ROLE: 0 standalone workstation ... 5 primary domain controller
 * @param domainNameDns DomainNameDns, the domain's DNS name (null outside a domain)
 */
public record DomainMembership(String joinName, int joinStatus, int machineRole, String domainNameDns) {}
