package io.agent7.agent.windows.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;

/** Puts a security descriptor, written in SDDL, on a folder (and, by inheritance, on what it holds). */
public final class StateFolder {

    private StateFolder() {}

    /** Sets the owner and the protected DACL of {@code sddl} on {@code folder}. */
    public static void secure(Path folder, String sddl) {
        ServiceApi api = ServiceApi.Holder.INSTANCE;
        PointerByReference descriptor = new PointerByReference();
        if (!api.ConvertStringSecurityDescriptorToSecurityDescriptorW(
                sddl, ServiceApi.SDDL_REVISION_1, descriptor, new IntByReference())) {
            throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
        }
        try {
            PointerByReference dacl = new PointerByReference();
            PointerByReference owner = new PointerByReference();
            IntByReference present = new IntByReference();
            IntByReference defaulted = new IntByReference();
            if (!api.GetSecurityDescriptorDacl(descriptor.getValue(), present, dacl, defaulted)
                    || !api.GetSecurityDescriptorOwner(descriptor.getValue(), owner, defaulted)) {
                throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
            }
            // SetNamedSecurityInfo also brings the inheritable ACEs to the files already there
            // (the credentials enroll wrote before install) and drops what they inherited before.
            int error = Advapi32.INSTANCE.SetNamedSecurityInfo(
                    folder.toAbsolutePath().toString(),
                    AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                    WinNT.OWNER_SECURITY_INFORMATION
                            | WinNT.DACL_SECURITY_INFORMATION
                            | WinNT.PROTECTED_DACL_SECURITY_INFORMATION,
                    owner.getValue(),
                    null,
                    dacl.getValue(),
                    null);
            if (error != WinError.ERROR_SUCCESS) {
                throw new Win32Exception(error);
            }
        } finally {
            Pointer memory = descriptor.getValue();
            if (memory != null) {
                Kernel32.INSTANCE.LocalFree(memory);
            }
        }
    }
}
