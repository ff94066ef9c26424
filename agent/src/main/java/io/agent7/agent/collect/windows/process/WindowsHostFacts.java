package io.agent7.agent.collect.windows.process;

import io.agent7.agent.state.HostFacts;
import java.util.Locale;

/**
 * What a Windows host tells the server at enrollment, in the fields the agent reports for any
 * host ({@link HostFacts}), and its domain membership. The machine id is MachineGuid, which
 * Windows setup writes once per installation (a sysprepped image gets a new one).
 *
 * @param domain     the DNS domain the host is joined to, or null in a workgroup
 * @param workgroup  the workgroup of a host in none
 * @param role       workstation, server, member_workstation, member_server or domain_controller
 */
public record WindowsHostFacts(HostFacts facts, String domain, String workgroup, String role) {

    /** The first build of Windows 11, whose ProductName still says Windows 10. */
    static final int WINDOWS_11_BUILD = 22_000;

    static final int NET_SETUP_WORKGROUP_NAME = 2;

    static final int NET_SETUP_DOMAIN_NAME = 3;

    public static WindowsHostFacts of(
            String machineGuid, String hostName, WindowsVersion version, DomainMembership membership) {
        HostFacts facts = new HostFacts(
                machineGuid == null ? null : machineGuid.trim(),
                hostName,
                "windows",
                osName(version),
                osVersion(version),
                kernel(version));
        String domain = null;
        String workgroup = null;
        String role = null;
        if (membership != null) {
            if (membership.joinStatus() == NET_SETUP_DOMAIN_NAME) {
                domain = blankToNull(membership.domainNameDns()) != null
                        ? membership.domainNameDns().toLowerCase(Locale.ROOT)
                        : membership.joinName();
            } else if (membership.joinStatus() == NET_SETUP_WORKGROUP_NAME) {
                workgroup = membership.joinName();
            }
            role = role(membership.machineRole());
        }
        return new WindowsHostFacts(facts, domain, workgroup, role);
    }

    /** ProductName, made right on Windows 11 where it still reads "Windows 10 Pro". */
    static String osName(WindowsVersion v) {
        String name = blankToNull(v.productName());
        if (name != null && v.buildNumber() >= WINDOWS_11_BUILD && name.startsWith("Windows 10")) {
            return "Windows 11" + name.substring("Windows 10".length());
        }
        return name;
    }

    /** DisplayVersion (23H2), else ReleaseId (1809), else the version number and service pack (6.1 Service Pack 1). */
    static String osVersion(WindowsVersion v) {
        if (blankToNull(v.displayVersion()) != null) {
            return v.displayVersion();
        }
        if (blankToNull(v.releaseId()) != null) {
            return v.releaseId();
        }
        String number = v.majorVersion() + "." + v.minorVersion();
        return blankToNull(v.csdVersion()) == null ? number : number + ' ' + v.csdVersion();
    }

    /** The build as winver shows it: 10.0.22631.3007 (no update revision before Windows 8.1's UBR). */
    static String kernel(WindowsVersion v) {
        String build = v.majorVersion() + "." + v.minorVersion() + "." + v.buildNumber();
        return v.ubr() == null ? build : build + "." + Integer.toUnsignedString(v.ubr());
    }

    static String role(int machineRole) {
        return switch (machineRole) {
            case 0 -> "workstation";
            case 1 -> "member_workstation";
            case 2 -> "server";
            case 3 -> "member_server";
            case 4, 5 -> "domain_controller";
            default -> null;
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
