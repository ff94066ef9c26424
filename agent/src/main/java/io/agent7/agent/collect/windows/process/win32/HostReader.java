package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.LMErr;
import com.sun.jna.platform.win32.Netapi32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import io.agent7.agent.collect.windows.process.DomainMembership;
import io.agent7.agent.collect.windows.process.WindowsHostFacts;
import io.agent7.agent.collect.windows.process.WindowsVersion;
import io.agent7.agent.state.HostFacts;

/** The host's identity, version and domain membership. */
public final class HostReader {

    static final String CRYPTOGRAPHY = "SOFTWARE\\Microsoft\\Cryptography";

    static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

    /** ComputerNamePhysicalDnsHostname: the host name without domain, not the cluster's virtual one. */
    static final int COMPUTER_NAME_PHYSICAL_DNS_HOSTNAME = 5;

    private HostReader() {}

    /** The host's facts, read now: what the agent sends at enrollment on Windows. */
    public static WindowsHostFacts read() {
        return WindowsHostFacts.of(machineGuid(), hostName(), version(), membership());
    }

    /**
     * What enrollment sends: the machine id, name and version, without the domain membership
     * the enrollment request has no field for (so that a failing NetGetJoinInformation does
     * not stop an enrollment that would not use its answer).
     */
    public static HostFacts enrollmentFacts() {
        return WindowsHostFacts.of(machineGuid(), hostName(), version(), null).facts();
    }

    /** MachineGuid from the 64-bit view: a 32-bit view would read the same key, but only by redirection luck. */
    public static String machineGuid() {
        return string(CRYPTOGRAPHY, "MachineGuid");
    }

    public static String hostName() {
        char[] name = new char[256];
        IntByReference length = new IntByReference(name.length);
        if (!Names.Holder.INSTANCE.GetComputerNameExW(COMPUTER_NAME_PHYSICAL_DNS_HOSTNAME, name, length)) {
            throw new Win32Exception(Native.getLastError());
        }
        return new String(name, 0, length.getValue());
    }

    public static WindowsVersion version() {
        Versions.RTL_OSVERSIONINFOW info = new Versions.RTL_OSVERSIONINFOW();
        int status = Versions.Holder.INSTANCE.RtlGetVersion(info);
        if (status != 0) {
            throw new IllegalStateException("RtlGetVersion failed: NTSTATUS 0x" + Integer.toHexString(status));
        }
        return new WindowsVersion(
                info.dwMajorVersion,
                info.dwMinorVersion,
                info.dwBuildNumber,
                info.csdVersion(),
                dword(CURRENT_VERSION, "UBR"),
                string(CURRENT_VERSION, "DisplayVersion"),
                string(CURRENT_VERSION, "ReleaseId"),
                string(CURRENT_VERSION, "ProductName"),
                string(CURRENT_VERSION, "EditionID"));
    }

    public static DomainMembership membership() {
        PointerByReference name = new PointerByReference();
        IntByReference status = new IntByReference();
        int rc = Netapi32.INSTANCE.NetGetJoinInformation(null, name, status);
        if (rc != LMErr.NERR_Success) {
            throw new Win32Exception(rc);
        }
        String joinName;
        try {
            joinName = name.getValue() == null ? null : name.getValue().getWideString(0);
        } finally {
            Netapi32.INSTANCE.NetApiBufferFree(name.getValue());
        }
        PointerByReference buffer = new PointerByReference();
        rc = DsRole.Holder.INSTANCE.DsRoleGetPrimaryDomainInformation(
                null, DsRole.DsRolePrimaryDomainInfoBasic, buffer);
        if (rc != WinError.ERROR_SUCCESS) {
            throw new Win32Exception(rc);
        }
        try {
            DsRole.DSROLE_PRIMARY_DOMAIN_INFO_BASIC basic =
                    new DsRole.DSROLE_PRIMARY_DOMAIN_INFO_BASIC(buffer.getValue());
            String dns = basic.DomainNameDns == null ? null : basic.DomainNameDns.getWideString(0);
            return new DomainMembership(joinName, status.getValue(), basic.MachineRole, dns);
        } finally {
            DsRole.Holder.INSTANCE.DsRoleFreeMemory(buffer.getValue());
        }
    }

    private static String string(String key, String value) {
        if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY)) {
            return null;
        }
        return Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY);
    }

    private static Integer dword(String key, String value) {
        if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY)) {
            return null;
        }
        return Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY);
    }

    /** GetComputerNameExW (sysinfoapi.h). */
    interface Names extends StdCallLibrary {
        boolean GetComputerNameExW(int nameType, char[] buffer, IntByReference size);

        final class Holder {
            static final Names INSTANCE = Native.load("kernel32", Names.class);

            private Holder() {}
        }
    }

    /** RtlGetVersion (ntddk.h / wdm.h), which jna-platform's NtDll lacks. */
    interface Versions extends StdCallLibrary {
        int RtlGetVersion(RTL_OSVERSIONINFOW info);

        final class Holder {
            static final Versions INSTANCE = Native.load("ntdll", Versions.class);

            private Holder() {}
        }

        /**
         * RTL_OSVERSIONINFOW: DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion,
         * dwBuildNumber, dwPlatformId; WCHAR szCSDVersion[128] (16-bit units here).
         */
        @FieldOrder({
            "dwOSVersionInfoSize",
            "dwMajorVersion",
            "dwMinorVersion",
            "dwBuildNumber",
            "dwPlatformId",
            "szCSDVersion"
        })
        class RTL_OSVERSIONINFOW extends Structure {
            public int dwOSVersionInfoSize;
            public int dwMajorVersion;
            public int dwMinorVersion;
            public int dwBuildNumber;
            public int dwPlatformId;
            public short[] szCSDVersion = new short[128];

            public RTL_OSVERSIONINFOW() {
                dwOSVersionInfoSize = size();
            }

            String csdVersion() {
                StringBuilder text = new StringBuilder();
                for (short unit : szCSDVersion) {
                    if (unit == 0) {
                        break;
                    }
                    text.append((char) unit);
                }
                return text.toString();
            }
        }
    }

    /** DsRoleGetPrimaryDomainInformation (dsrole.h), which jna-platform lacks. */
    interface DsRole extends StdCallLibrary {
        int DsRolePrimaryDomainInfoBasic = 1;

        int DsRoleGetPrimaryDomainInformation(Pointer server, int infoLevel, PointerByReference buffer);

        void DsRoleFreeMemory(Pointer buffer);

        final class Holder {
            static final DsRole INSTANCE = Native.load("netapi32", DsRole.class, W32APIOptions.DEFAULT_OPTIONS);

            private Holder() {}
        }

        /**
         * DSROLE_PRIMARY_DOMAIN_INFO_BASIC: DSROLE_MACHINE_ROLE MachineRole; ULONG Flags; LPWSTR
         * DomainNameFlat, DomainNameDns, DomainForestName; GUID DomainGuid.
         */
        @FieldOrder({"MachineRole", "Flags", "DomainNameFlat", "DomainNameDns", "DomainForestName", "DomainGuid"})
        class DSROLE_PRIMARY_DOMAIN_INFO_BASIC extends Structure {
            public int MachineRole;
            public int Flags;
            public Pointer DomainNameFlat;
            public Pointer DomainNameDns;
            public Pointer DomainForestName;
            public byte[] DomainGuid = new byte[16];

            public DSROLE_PRIMARY_DOMAIN_INFO_BASIC() {}

            public DSROLE_PRIMARY_DOMAIN_INFO_BASIC(Pointer p) {
                super(p);
                read();
            }
        }
    }
}
