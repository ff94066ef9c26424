package io.agent7.agent.collect.windows.process;

/**
 * The Windows version: RtlGetVersion's numbers (true ones, never a compatibility shim's) and
 * the values of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (64-bit view), each null
 * when absent: Windows 7 has no UBR, no ReleaseId and no DisplayVersion; DisplayVersion
 * exists from 20H2 on.
 *
 * @param csdVersion  RTL_OSVERSIONINFOW.szCSDVersion: "Service Pack 1", or empty
 * @param productName ProductName, which Windows 11 leaves at "Windows 10 ..."
 */
public record WindowsVersion(
        int majorVersion,
        int minorVersion,
        int buildNumber,
        String csdVersion,
        Integer ubr,
        String displayVersion,
        String releaseId,
        String productName,
        String editionId) {}
