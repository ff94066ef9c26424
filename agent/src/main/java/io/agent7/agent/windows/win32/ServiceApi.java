package io.agent7.agent.windows.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The advapi32 functions the service needs and jna-platform 5.18.1's Advapi32 lacks. */
interface ServiceApi extends StdCallLibrary {

    /** ChangeServiceConfig's "leave this as it is". */
    int SERVICE_NO_CHANGE = 0xFFFFFFFF;

    int SDDL_REVISION_1 = 1;

    /**
     * BOOL ChangeServiceConfigW(SC_HANDLE hService, DWORD dwServiceType, DWORD dwStartType,
     * DWORD dwErrorControl, LPCWSTR lpBinaryPathName, LPCWSTR lpLoadOrderGroup, LPDWORD
     * lpdwTagId, LPCWSTR lpDependencies, LPCWSTR lpServiceStartName, LPCWSTR lpPassword,
     * LPCWSTR lpDisplayName)
     */
    boolean ChangeServiceConfigW(
            Winsvc.SC_HANDLE service,
            int serviceType,
            int startType,
            int errorControl,
            String binaryPathName,
            String loadOrderGroup,
            IntByReference tagId,
            String dependencies,
            String serviceStartName,
            String password,
            String displayName);

    /**
     * BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR StringSecurityDescriptor,
     * DWORD StringSDRevision, PSECURITY_DESCRIPTOR *SecurityDescriptor, PULONG
     * SecurityDescriptorSize); the descriptor is freed with LocalFree.
     */
    boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(
            String sddl, int revision, PointerByReference descriptor, IntByReference size);

    /** BOOL GetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR, LPBOOL lpbDaclPresent, PACL *pDacl, LPBOOL lpbDaclDefaulted) */
    boolean GetSecurityDescriptorDacl(
            Pointer descriptor, IntByReference present, PointerByReference dacl, IntByReference defaulted);

    /** BOOL GetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR, PSID *pOwner, LPBOOL lpbOwnerDefaulted) */
    boolean GetSecurityDescriptorOwner(Pointer descriptor, PointerByReference owner, IntByReference defaulted);

    /** Loaded on first use, so that no test and no Linux agent loads advapi32. */
    final class Holder {
        static final ServiceApi INSTANCE = Native.load("advapi32", ServiceApi.class, W32APIOptions.UNICODE_OPTIONS);

        private Holder() {}
    }
}
