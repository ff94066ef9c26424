package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** WinVerifyTrust and the helpers that reach its signer (wintrust.h), which jna-platform lacks. */
public interface WinTrust extends StdCallLibrary {

    /** WINTRUST_ACTION_GENERIC_VERIFY_V2: Authenticode verification of a file. */
    String WINTRUST_ACTION_GENERIC_VERIFY_V2 = "{00AAC56B-CD44-11d0-8CC2-00C04FC295EE}";

    int WTD_UI_NONE = 2;

    int WTD_REVOKE_NONE = 0;

    int WTD_CHOICE_FILE = 1;

    int WTD_STATEACTION_VERIFY = 1;

    int WTD_STATEACTION_CLOSE = 2;

    /** Chain building uses only certificates already cached: a collection never waits on the network. */
    int WTD_CACHE_ONLY_URL_RETRIEVAL = 0x00001000;

    /** LONG WinVerifyTrust(HWND hwnd, GUID *pgActionID, LPVOID pWVTData). */
    int WinVerifyTrust(Pointer hwnd, Guid.GUID action, WINTRUST_DATA data);

    /** CRYPT_PROVIDER_DATA *WTHelperProvDataFromStateData(HANDLE hStateData). */
    Pointer WTHelperProvDataFromStateData(WinNT.HANDLE stateData);

    /** CRYPT_PROVIDER_SGNR *WTHelperGetProvSignerFromChain(CRYPT_PROVIDER_DATA*, DWORD idxSigner, BOOL fCounterSigner, DWORD idxCounterSigner). */
    Pointer WTHelperGetProvSignerFromChain(
            Pointer providerData, int signer, boolean counterSigner, int counterSignerIndex);

    /** CRYPT_PROVIDER_CERT *WTHelperGetProvCertFromChain(CRYPT_PROVIDER_SGNR*, DWORD idxCert): 0 is the signer's own. */
    Pointer WTHelperGetProvCertFromChain(Pointer signer, int certificate);

    /** Loaded when a collection first verifies a file. */
    final class Holder {
        static final WinTrust INSTANCE = Native.load("wintrust", WinTrust.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {}
    }

    /** WINTRUST_FILE_INFO: DWORD cbStruct; LPCWSTR pcwszFilePath; HANDLE hFile; GUID *pgKnownSubject. */
    @FieldOrder({"cbStruct", "pcwszFilePath", "hFile", "pgKnownSubject"})
    class WINTRUST_FILE_INFO extends Structure {
        public int cbStruct;
        public Pointer pcwszFilePath;
        public Pointer hFile;
        public Pointer pgKnownSubject;

        public WINTRUST_FILE_INFO() {
            cbStruct = size();
        }
    }

    /**
     * WINTRUST_DATA, with pSignatureSettings (Windows 8 and later; older systems read the
     * shorter structure, which cbStruct tells them apart).
     */
    @FieldOrder({
        "cbStruct",
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
        "pSignatureSettings"
    })
    class WINTRUST_DATA extends Structure {
        public int cbStruct;
        public Pointer pPolicyCallbackData;
        public Pointer pSIPClientData;
        public int dwUIChoice;
        public int fdwRevocationChecks;
        public int dwUnionChoice;
        public Pointer pFile;
        public int dwStateAction;
        public WinNT.HANDLE hWVTStateData;
        public Pointer pwszURLReference;
        public int dwProvFlags;
        public int dwUIContext;
        public Pointer pSignatureSettings;

        public WINTRUST_DATA() {
            cbStruct = size();
        }
    }

    /** The start of CRYPT_PROVIDER_CERT: DWORD cbStruct; PCCERT_CONTEXT pCert; (the rest is not read). */
    @FieldOrder({"cbStruct", "pCert"})
    class CRYPT_PROVIDER_CERT extends Structure {
        public int cbStruct;
        public Pointer pCert;

        public CRYPT_PROVIDER_CERT() {}

        public CRYPT_PROVIDER_CERT(Pointer p) {
            super(p);
            read();
        }
    }
}
