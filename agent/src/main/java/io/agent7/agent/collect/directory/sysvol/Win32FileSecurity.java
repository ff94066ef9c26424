package io.agent7.agent.collect.directory.sysvol;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * The owner and DACL of a file as Windows' GetFileSecurity returns them: a self-relative
 * security descriptor, parsed by {@link SecurityDescriptors#parse}. The only Win32 call of
 * {@link UncSysvol}, kept apart because it runs on Windows only.
 */
final class Win32FileSecurity {

    private static final int OWNER_AND_DACL = WinNT.OWNER_SECURITY_INFORMATION | WinNT.DACL_SECURITY_INFORMATION;
    /** Enough for the DACLs SYSVOL holds; a larger one is asked for again at the size Windows names. */
    private static final int FIRST_TRY = 1024;

    private Win32FileSecurity() {}

    static byte[] read(Path file) throws IOException {
        String name = file.toString();
        int size = FIRST_TRY;
        while (true) {
            Memory buffer = new Memory(size);
            IntByReference needed = new IntByReference();
            if (Advapi32.INSTANCE.GetFileSecurity(name, OWNER_AND_DACL, buffer, size, needed)) {
                return buffer.getByteArray(0, needed.getValue() > 0 ? Math.min(needed.getValue(), size) : size);
            }
            int error = Native.getLastError();
            if (error == WinError.ERROR_INSUFFICIENT_BUFFER && needed.getValue() > size) {
                size = needed.getValue();
            } else if (error == WinError.ERROR_ACCESS_DENIED) {
                throw new AccessDeniedException(name, null, "GetFileSecurity: access denied");
            } else {
                throw new IOException("GetFileSecurity(" + name + ") failed: " + Kernel32Util.formatMessage(error));
            }
        }
    }
}
