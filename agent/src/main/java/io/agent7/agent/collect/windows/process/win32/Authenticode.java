package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import io.agent7.agent.collect.windows.process.Signature;

/**
 * A file's Authenticode signature through WinVerifyTrust: the file's embedded signature,
 * revocation not checked (a collection must not wait on CRL servers), and the signer's name
 * read from the state WinVerifyTrust built before that state is closed.
 */
public final class Authenticode {

    private Authenticode() {}

    public static Signature verify(String path) {
        WinTrust wintrust = WinTrust.Holder.INSTANCE;
        Memory pathText = new Memory((path.length() + 1L) * 2);
        pathText.setWideString(0, path);
        WinTrust.WINTRUST_FILE_INFO file = new WinTrust.WINTRUST_FILE_INFO();
        file.pcwszFilePath = pathText;
        file.write();
        WinTrust.WINTRUST_DATA data = new WinTrust.WINTRUST_DATA();
        data.dwUIChoice = WinTrust.WTD_UI_NONE;
        data.fdwRevocationChecks = WinTrust.WTD_REVOKE_NONE;
        data.dwUnionChoice = WinTrust.WTD_CHOICE_FILE;
        data.pFile = file.getPointer();
        data.dwStateAction = WinTrust.WTD_STATEACTION_VERIFY;
        data.dwProvFlags = WinTrust.WTD_CACHE_ONLY_URL_RETRIEVAL;
        Guid.GUID action = new Guid.GUID(WinTrust.WINTRUST_ACTION_GENERIC_VERIFY_V2);
        int status = wintrust.WinVerifyTrust(null, action, data);
        try {
            return new Signature(status, status == 0 || data.hWVTStateData != null ? signer(data) : null);
        } finally {
            // VERIFY leaves state allocated whatever the result; CLOSE frees it.
            data.dwStateAction = WinTrust.WTD_STATEACTION_CLOSE;
            wintrust.WinVerifyTrust(null, action, data);
        }
    }

    private static String signer(WinTrust.WINTRUST_DATA data) {
        WinTrust wintrust = WinTrust.Holder.INSTANCE;
        Pointer provider = wintrust.WTHelperProvDataFromStateData(data.hWVTStateData);
        Pointer signer = provider == null ? null : wintrust.WTHelperGetProvSignerFromChain(provider, 0, false, 0);
        Pointer certificate = signer == null ? null : wintrust.WTHelperGetProvCertFromChain(signer, 0);
        if (certificate == null) {
            return null; // unsigned: no signer
        }
        Pointer context = new WinTrust.CRYPT_PROVIDER_CERT(certificate).pCert;
        if (context == null) {
            return null;
        }
        CertNames names = CertNames.Holder.INSTANCE;
        int length = names.CertGetNameString(context, CertNames.CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, null, null, 0);
        if (length <= 1) {
            return null; // only the terminating NUL: the certificate names nobody
        }
        char[] name = new char[length];
        names.CertGetNameString(context, CertNames.CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, null, name, length);
        return Native.toString(name);
    }
}
