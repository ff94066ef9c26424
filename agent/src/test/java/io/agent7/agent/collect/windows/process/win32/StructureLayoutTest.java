package io.agent7.agent.collect.windows.process.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The x64 layout of every structure the process, socket and command-line readers pass to
 * Windows, against the C declarations (iphlpapi's tcpmib.h / udpmib.h, tlhelp32.h, winternl.h,
 * winnt.h) with MSVC's natural x64 alignment: pointers and ULONG_PTR 8 bytes on 8, DWORD and
 * LONG 4 on 4, WCHAR 2, arrays aligned as their element. JNA lays structures out on Linux x64
 * with the same rules, so a wrong field type or order fails here.
 */
class StructureLayoutTest {

    /** Exposes Structure.fieldOffset, protected in JNA, for any structure. */
    private static Map<String, Integer> offsets(Structure s, String... fields) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String field : fields) {
            offsets.put(field, Offsets.of(s, field));
        }
        return offsets;
    }

    @Test
    void mibTcpRowOwnerPidIsSixDwords() {
        // typedef struct { DWORD dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid; }
        IpHelper.MIB_TCPROW_OWNER_PID row = new IpHelper.MIB_TCPROW_OWNER_PID();
        assertThat(row.size()).isEqualTo(24);
        assertThat(offsets(row, "dwState", "dwLocalAddr", "dwLocalPort", "dwRemoteAddr", "dwRemotePort", "dwOwningPid"))
                .containsExactly(
                        Map.entry("dwState", 0),
                        Map.entry("dwLocalAddr", 4),
                        Map.entry("dwLocalPort", 8),
                        Map.entry("dwRemoteAddr", 12),
                        Map.entry("dwRemotePort", 16),
                        Map.entry("dwOwningPid", 20));
    }

    @Test
    void mibTcp6RowOwnerPidHasItsAddressesInline() {
        // UCHAR ucLocalAddr[16]; DWORD dwLocalScopeId, dwLocalPort; UCHAR ucRemoteAddr[16];
        // DWORD dwRemoteScopeId, dwRemotePort, dwState, dwOwningPid
        IpHelper.MIB_TCP6ROW_OWNER_PID row = new IpHelper.MIB_TCP6ROW_OWNER_PID();
        assertThat(row.size()).isEqualTo(56);
        assertThat(offsets(
                        row,
                        "ucLocalAddr",
                        "dwLocalScopeId",
                        "dwLocalPort",
                        "ucRemoteAddr",
                        "dwRemoteScopeId",
                        "dwRemotePort",
                        "dwState",
                        "dwOwningPid"))
                .containsExactly(
                        Map.entry("ucLocalAddr", 0),
                        Map.entry("dwLocalScopeId", 16),
                        Map.entry("dwLocalPort", 20),
                        Map.entry("ucRemoteAddr", 24),
                        Map.entry("dwRemoteScopeId", 40),
                        Map.entry("dwRemotePort", 44),
                        Map.entry("dwState", 48),
                        Map.entry("dwOwningPid", 52));
    }

    @Test
    void mibUdpRowsOwnerPid() {
        // MIB_UDPROW_OWNER_PID { DWORD dwLocalAddr, dwLocalPort, dwOwningPid; }
        IpHelper.MIB_UDPROW_OWNER_PID row = new IpHelper.MIB_UDPROW_OWNER_PID();
        assertThat(row.size()).isEqualTo(12);
        assertThat(offsets(row, "dwLocalAddr", "dwLocalPort", "dwOwningPid"))
                .containsExactly(Map.entry("dwLocalAddr", 0), Map.entry("dwLocalPort", 4), Map.entry("dwOwningPid", 8));
        // MIB_UDP6ROW_OWNER_PID { UCHAR ucLocalAddr[16]; DWORD dwLocalScopeId, dwLocalPort, dwOwningPid; }
        IpHelper.MIB_UDP6ROW_OWNER_PID row6 = new IpHelper.MIB_UDP6ROW_OWNER_PID();
        assertThat(row6.size()).isEqualTo(28);
        assertThat(offsets(row6, "ucLocalAddr", "dwLocalScopeId", "dwLocalPort", "dwOwningPid"))
                .containsExactly(
                        Map.entry("ucLocalAddr", 0),
                        Map.entry("dwLocalScopeId", 16),
                        Map.entry("dwLocalPort", 20),
                        Map.entry("dwOwningPid", 24));
    }

    @Test
    void processEntry32WDecodesItsUtf16NameUpToTheNul() {
        Toolhelp.PROCESSENTRY32W entry = new Toolhelp.PROCESSENTRY32W();
        String name = "Überwachung.exe";
        for (int i = 0; i < name.length(); i++) {
            entry.szExeFile[i] = (short) name.charAt(i);
        }
        entry.szExeFile[name.length() + 1] = 'x';
        assertThat(entry.exeFile()).isEqualTo(name);
    }

    @Test
    void processEntry32W() {
        // DWORD dwSize, cntUsage, th32ProcessID; ULONG_PTR th32DefaultHeapID; DWORD th32ModuleID,
        // cntThreads, th32ParentProcessID; LONG pcPriClassBase; DWORD dwFlags; WCHAR szExeFile[MAX_PATH]:
        // 44 + 520 = 564, padded to the 8 of ULONG_PTR: sizeof 568 on x64.
        Toolhelp.PROCESSENTRY32W entry = new Toolhelp.PROCESSENTRY32W();
        assertThat(entry.size()).isEqualTo(568);
        assertThat(entry.dwSize).as("dwSize set before Process32First").isEqualTo(568);
        assertThat(offsets(
                        entry,
                        "th32ProcessID",
                        "th32DefaultHeapID",
                        "th32ModuleID",
                        "cntThreads",
                        "th32ParentProcessID",
                        "pcPriClassBase",
                        "dwFlags",
                        "szExeFile"))
                .containsExactly(
                        Map.entry("th32ProcessID", 8),
                        Map.entry("th32DefaultHeapID", 16),
                        Map.entry("th32ModuleID", 24),
                        Map.entry("cntThreads", 28),
                        Map.entry("th32ParentProcessID", 32),
                        Map.entry("pcPriClassBase", 36),
                        Map.entry("dwFlags", 40),
                        Map.entry("szExeFile", 44));
    }

    @Test
    void tokenUserAndMandatoryLabelAreOneSidAndAttributes() {
        // TOKEN_USER and TOKEN_MANDATORY_LABEL: { SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes; } }, 16 bytes.
        WinNT.SID_AND_ATTRIBUTES sidAndAttributes = new WinNT.SID_AND_ATTRIBUTES();
        assertThat(sidAndAttributes.size()).isEqualTo(16);
        assertThat(offsets(sidAndAttributes, "Sid", "Attributes"))
                .containsExactly(Map.entry("Sid", 0), Map.entry("Attributes", 8));
        assertThat(new WinNT.TOKEN_USER().size()).isEqualTo(16);
    }

    @Test
    void unicodeStringHasItsBufferPointerOnEight() {
        // USHORT Length; USHORT MaximumLength; PWSTR Buffer
        NtStructures.UNICODE_STRING string = new NtStructures.UNICODE_STRING();
        assertThat(string.size()).isEqualTo(16);
        assertThat(offsets(string, "Length", "MaximumLength", "Buffer"))
                .containsExactly(Map.entry("Length", 0), Map.entry("MaximumLength", 2), Map.entry("Buffer", 8));
    }

    @Test
    void processBasicInformation() {
        // NTSTATUS ExitStatus; PPEB PebBaseAddress; ULONG_PTR AffinityMask; KPRIORITY BasePriority;
        // ULONG_PTR UniqueProcessId; ULONG_PTR InheritedFromUniqueProcessId
        NtStructures.PROCESS_BASIC_INFORMATION basic = new NtStructures.PROCESS_BASIC_INFORMATION();
        assertThat(basic.size()).isEqualTo(48);
        assertThat(offsets(
                        basic,
                        "ExitStatus",
                        "PebBaseAddress",
                        "AffinityMask",
                        "BasePriority",
                        "UniqueProcessId",
                        "InheritedFromUniqueProcessId"))
                .containsExactly(
                        Map.entry("ExitStatus", 0),
                        Map.entry("PebBaseAddress", 8),
                        Map.entry("AffinityMask", 16),
                        Map.entry("BasePriority", 24),
                        Map.entry("UniqueProcessId", 32),
                        Map.entry("InheritedFromUniqueProcessId", 40));
    }

    @Test
    void pebHasItsProcessParametersAt0x20() {
        // BYTE Reserved1[2]; BYTE BeingDebugged; BYTE Reserved2[1]; PVOID Reserved3[2]; PPEB_LDR_DATA Ldr;
        // PRTL_USER_PROCESS_PARAMETERS ProcessParameters
        NtStructures.PEB peb = new NtStructures.PEB();
        assertThat(offsets(peb, "BeingDebugged", "Reserved3", "Ldr", "ProcessParameters"))
                .containsExactly(
                        Map.entry("BeingDebugged", 2),
                        Map.entry("Reserved3", 8),
                        Map.entry("Ldr", 24),
                        Map.entry("ProcessParameters", 0x20));
        assertThat(peb.size()).isEqualTo(0x28);
    }

    @Test
    void processParametersHaveTheCommandLineAt0x70() {
        // BYTE Reserved1[16]; PVOID Reserved2[10]; UNICODE_STRING ImagePathName; UNICODE_STRING CommandLine
        NtStructures.RTL_USER_PROCESS_PARAMETERS parameters = new NtStructures.RTL_USER_PROCESS_PARAMETERS();
        assertThat(offsets(parameters, "Reserved2", "ImagePathName", "CommandLine"))
                .containsExactly(
                        Map.entry("Reserved2", 16), Map.entry("ImagePathName", 0x60), Map.entry("CommandLine", 0x70));
        assertThat(parameters.size()).isEqualTo(0x80);
    }

    @Test
    void wintrustFileInfo() {
        // DWORD cbStruct; LPCWSTR pcwszFilePath; HANDLE hFile; GUID *pgKnownSubject
        WinTrust.WINTRUST_FILE_INFO file = new WinTrust.WINTRUST_FILE_INFO();
        assertThat(file.size()).isEqualTo(32);
        assertThat(file.cbStruct).as("cbStruct set before the call").isEqualTo(32);
        assertThat(offsets(file, "pcwszFilePath", "hFile", "pgKnownSubject"))
                .containsExactly(
                        Map.entry("pcwszFilePath", 8), Map.entry("hFile", 16), Map.entry("pgKnownSubject", 24));
    }

    @Test
    void wintrustData() {
        // DWORD cbStruct; LPVOID pPolicyCallbackData, pSIPClientData; DWORD dwUIChoice, fdwRevocationChecks,
        // dwUnionChoice; union { WINTRUST_FILE_INFO *pFile; ... }; DWORD dwStateAction; HANDLE hWVTStateData;
        // WCHAR *pwszURLReference; DWORD dwProvFlags, dwUIContext; WINTRUST_SIGNATURE_SETTINGS *pSignatureSettings
        WinTrust.WINTRUST_DATA data = new WinTrust.WINTRUST_DATA();
        assertThat(data.size()).isEqualTo(88);
        assertThat(data.cbStruct).isEqualTo(88);
        assertThat(offsets(
                        data,
                        "pPolicyCallbackData",
                        "pSIPClientData",
                        "dwUIChoice",
                        "fdwRevocationChecks",
                        "dwUnionChoice",
                        "pFile",
                        "dwStateAction",
                        "hWVTStateData",
                        "pwszURLReference",
                        "dwProvFlags",
                        "dwUIContext",
                        "pSignatureSettings"))
                .containsExactly(
                        Map.entry("pPolicyCallbackData", 8),
                        Map.entry("pSIPClientData", 16),
                        Map.entry("dwUIChoice", 24),
                        Map.entry("fdwRevocationChecks", 28),
                        Map.entry("dwUnionChoice", 32),
                        Map.entry("pFile", 40),
                        Map.entry("dwStateAction", 48),
                        Map.entry("hWVTStateData", 56),
                        Map.entry("pwszURLReference", 64),
                        Map.entry("dwProvFlags", 72),
                        Map.entry("dwUIContext", 76),
                        Map.entry("pSignatureSettings", 80));
    }

    @Test
    void cryptProviderCertHasTheCertificateContextAfterItsSize() {
        // CRYPT_PROVIDER_CERT { DWORD cbStruct; PCCERT_CONTEXT pCert; ... }
        assertThat(Offsets.of(new WinTrust.CRYPT_PROVIDER_CERT(), "pCert")).isEqualTo(8);
    }

    @Test
    void catalogInfo() {
        // DWORD cbStruct; WCHAR wszCatalogFile[MAX_PATH]: 4 + 520, no padding (both align on 2 or 4)
        CatalogAdmin.CATALOG_INFO info = new CatalogAdmin.CATALOG_INFO();
        assertThat(info.size()).isEqualTo(524);
        assertThat(info.cbStruct).isEqualTo(524);
        assertThat(Offsets.of(info, "wszCatalogFile")).isEqualTo(4);
    }

    @Test
    void wintrustCatalogInfo() {
        // DWORD cbStruct, dwCatalogVersion; LPCWSTR pcwszCatalogFilePath, pcwszMemberTag, pcwszMemberFilePath;
        // HANDLE hMemberFile; BYTE *pbCalculatedFileHash; DWORD cbCalculatedFileHash;
        // PCCTL_CONTEXT pcCatalogContext; HCATADMIN hCatAdmin
        CatalogAdmin.WINTRUST_CATALOG_INFO info = new CatalogAdmin.WINTRUST_CATALOG_INFO();
        assertThat(info.size()).isEqualTo(72);
        assertThat(offsets(
                        info,
                        "dwCatalogVersion",
                        "pcwszCatalogFilePath",
                        "pcwszMemberTag",
                        "pcwszMemberFilePath",
                        "hMemberFile",
                        "pbCalculatedFileHash",
                        "cbCalculatedFileHash",
                        "pcCatalogContext",
                        "hCatAdmin"))
                .containsExactly(
                        Map.entry("dwCatalogVersion", 4),
                        Map.entry("pcwszCatalogFilePath", 8),
                        Map.entry("pcwszMemberTag", 16),
                        Map.entry("pcwszMemberFilePath", 24),
                        Map.entry("hMemberFile", 32),
                        Map.entry("pbCalculatedFileHash", 40),
                        Map.entry("cbCalculatedFileHash", 48),
                        Map.entry("pcCatalogContext", 56),
                        Map.entry("hCatAdmin", 64));
    }

    @Test
    void win32FindDataW() {
        // DWORD dwFileAttributes; FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime (2 DWORDs each);
        // DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1; WCHAR cFileName[260], cAlternateFileName[14]
        PipeReader.WIN32_FIND_DATAW data = new PipeReader.WIN32_FIND_DATAW();
        assertThat(data.size()).isEqualTo(592);
        assertThat(offsets(
                        data,
                        "ftCreationTime",
                        "ftLastAccessTime",
                        "ftLastWriteTime",
                        "nFileSizeHigh",
                        "nFileSizeLow",
                        "cFileName",
                        "cAlternateFileName"))
                .containsExactly(
                        Map.entry("ftCreationTime", 4),
                        Map.entry("ftLastAccessTime", 12),
                        Map.entry("ftLastWriteTime", 20),
                        Map.entry("nFileSizeHigh", 28),
                        Map.entry("nFileSizeLow", 32),
                        Map.entry("cFileName", 44),
                        Map.entry("cAlternateFileName", 564));
    }

    @Test
    void systemPagefileInformation() {
        // ULONG NextEntryOffset, TotalSize, TotalInUse, PeakUsage; UNICODE_STRING PageFileName (8-aligned)
        NtStructures.SYSTEM_PAGEFILE_INFORMATION info = new NtStructures.SYSTEM_PAGEFILE_INFORMATION();
        assertThat(info.size()).isEqualTo(32);
        assertThat(offsets(info, "TotalSize", "TotalInUse", "PeakUsage", "PageFileName"))
                .containsExactly(
                        Map.entry("TotalSize", 4),
                        Map.entry("TotalInUse", 8),
                        Map.entry("PeakUsage", 12),
                        Map.entry("PageFileName", 16));
    }

    @Test
    void performanceInformation() {
        // DWORD cb; SIZE_T CommitTotal, CommitLimit, CommitPeak, PhysicalTotal, PhysicalAvailable, SystemCache,
        // KernelTotal, KernelPaged, KernelNonpaged, PageSize; DWORD HandleCount, ProcessCount, ThreadCount
        Performance.PERFORMANCE_INFORMATION info = new Performance.PERFORMANCE_INFORMATION();
        assertThat(info.cb).isEqualTo(104);
        assertThat(info.size()).isEqualTo(104);
        assertThat(offsets(info, "CommitTotal", "PageSize", "HandleCount", "ProcessCount", "ThreadCount"))
                .containsExactly(
                        Map.entry("CommitTotal", 8),
                        Map.entry("PageSize", 80),
                        Map.entry("HandleCount", 88),
                        Map.entry("ProcessCount", 92),
                        Map.entry("ThreadCount", 96));
    }

    @Test
    void memoryStatusEx() {
        // DWORD dwLength, dwMemoryLoad; DWORDLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile,
        // ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual
        WinBase.MEMORYSTATUSEX status = new WinBase.MEMORYSTATUSEX();
        assertThat(status.size()).isEqualTo(64);
        assertThat(status.dwLength.intValue()).isEqualTo(64);
        assertThat(offsets(status, "ullTotalPhys", "ullAvailPhys"))
                .containsExactly(Map.entry("ullTotalPhys", 8), Map.entry("ullAvailPhys", 16));
    }

    @Test
    void rtlOsVersionInfoW() {
        // DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId; WCHAR
        // szCSDVersion[128]
        HostReader.Versions.RTL_OSVERSIONINFOW info = new HostReader.Versions.RTL_OSVERSIONINFOW();
        assertThat(info.size()).isEqualTo(276);
        assertThat(info.dwOSVersionInfoSize).isEqualTo(276);
        assertThat(offsets(info, "dwMajorVersion", "dwBuildNumber", "szCSDVersion"))
                .containsExactly(
                        Map.entry("dwMajorVersion", 4), Map.entry("dwBuildNumber", 12), Map.entry("szCSDVersion", 20));
    }

    @Test
    void dsrolePrimaryDomainInfoBasic() {
        // DSROLE_MACHINE_ROLE MachineRole; ULONG Flags; LPWSTR DomainNameFlat, DomainNameDns, DomainForestName; GUID
        // DomainGuid
        HostReader.DsRole.DSROLE_PRIMARY_DOMAIN_INFO_BASIC info =
                new HostReader.DsRole.DSROLE_PRIMARY_DOMAIN_INFO_BASIC();
        assertThat(info.size()).isEqualTo(48);
        assertThat(offsets(info, "Flags", "DomainNameFlat", "DomainNameDns", "DomainForestName", "DomainGuid"))
                .containsExactly(
                        Map.entry("Flags", 4),
                        Map.entry("DomainNameFlat", 8),
                        Map.entry("DomainNameDns", 16),
                        Map.entry("DomainForestName", 24),
                        Map.entry("DomainGuid", 32));
    }

    /** Reads a field offset through reflection on Structure's own protected method. */
    static final class Offsets {
        private Offsets() {}

        static int of(Structure structure, String field) {
            try {
                var method = Structure.class.getDeclaredMethod("fieldOffset", String.class);
                method.setAccessible(true);
                return (int) method.invoke(structure, field);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("no offset for " + field + " in " + structure.getClass(), e);
            }
        }
    }
}
