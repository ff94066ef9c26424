package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** CertGetNameStringW (wincrypt.h) taking the PCCERT_CONTEXT as the pointer WinTrust hands out. */
interface CertNames extends StdCallLibrary {

    /** CERT_NAME_SIMPLE_DISPLAY_TYPE: the subject's CN, else its first O or OU: "Microsoft Windows". */
    int CERT_NAME_SIMPLE_DISPLAY_TYPE = 4;

    /** DWORD CertGetNameStringW(PCCERT_CONTEXT, DWORD dwType, DWORD dwFlags, void *pvTypePara, LPWSTR, DWORD cchNameString). */
    int CertGetNameString(Pointer certContext, int type, int flags, Pointer typePara, char[] name, int length);

    final class Holder {
        static final CertNames INSTANCE = Native.load("crypt32", CertNames.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {}
    }
}
