package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The catalog administrator functions of wintrust.dll (mscat.h): most files Windows ships are
 * signed in a security catalog rather than in the file, which WinVerifyTrust on the file alone
 * reports as TRUST_E_NOSIGNATURE. Names are explicit (A/W suffixes only where they exist).
 */
public interface CatalogAdmin extends StdCallLibrary {

    /** BOOL CryptCATAdminAcquireContext(HCATADMIN*, const GUID *pgSubsystem, DWORD): SHA-1 catalogs. */
    boolean CryptCATAdminAcquireContext(PointerByReference admin, Pointer subsystem, int flags);

    /** BOOL CryptCATAdminAcquireContext2(HCATADMIN*, const GUID*, PCWSTR pwszHashAlgorithm, PCCERT_STRONG_SIGN_PARA, DWORD): Windows 8 and later. */
    boolean CryptCATAdminAcquireContext2(
            PointerByReference admin, Pointer subsystem, WString hashAlgorithm, Pointer strongSignPolicy, int flags);

    /** BOOL CryptCATAdminCalcHashFromFileHandle(HANDLE hFile, DWORD *pcbHash, BYTE *pbHash, DWORD). */
    boolean CryptCATAdminCalcHashFromFileHandle(WinNT.HANDLE file, IntByReference size, Pointer hash, int flags);

    /** BOOL CryptCATAdminCalcHashFromFileHandle2(HCATADMIN, HANDLE, DWORD *pcbHash, BYTE *pbHash, DWORD). */
    boolean CryptCATAdminCalcHashFromFileHandle2(
            Pointer admin, WinNT.HANDLE file, IntByReference size, Pointer hash, int flags);

    /** HCATINFO CryptCATAdminEnumCatalogFromHash(HCATADMIN, BYTE *pbHash, DWORD cbHash, DWORD, HCATINFO *phPrevCatInfo). */
    Pointer CryptCATAdminEnumCatalogFromHash(Pointer admin, Pointer hash, int size, int flags, Pointer previous);

    /** BOOL CryptCATCatalogInfoFromContext(HCATINFO, CATALOG_INFO*, DWORD). */
    boolean CryptCATCatalogInfoFromContext(Pointer catalog, CATALOG_INFO info, int flags);

    boolean CryptCATAdminReleaseCatalogContext(Pointer admin, Pointer catalog, int flags);

    boolean CryptCATAdminReleaseContext(Pointer admin, int flags);

    final class Holder {
        static final CatalogAdmin INSTANCE = Native.load("wintrust", CatalogAdmin.class);

        private Holder() {}
    }

    /**
     * CATALOG_INFO: DWORD cbStruct; WCHAR wszCatalogFile[MAX_PATH]. The name is 260 16-bit
     * units (not char[], which JNA sizes as wchar_t: 4 bytes off Windows).
     */
    @FieldOrder({"cbStruct", "wszCatalogFile"})
    class CATALOG_INFO extends Structure {
        public int cbStruct;
        public short[] wszCatalogFile = new short[260];

        public CATALOG_INFO() {
            cbStruct = size();
        }

        String catalogFile() {
            StringBuilder name = new StringBuilder();
            for (short unit : wszCatalogFile) {
                if (unit == 0) {
                    break;
                }
                name.append((char) unit);
            }
            return name.toString();
        }
    }

    /**
     * WINTRUST_CATALOG_INFO: DWORD cbStruct, dwCatalogVersion; LPCWSTR pcwszCatalogFilePath,
     * pcwszMemberTag, pcwszMemberFilePath; HANDLE hMemberFile; BYTE *pbCalculatedFileHash;
     * DWORD cbCalculatedFileHash; PCCTL_CONTEXT pcCatalogContext; HCATADMIN hCatAdmin.
     */
    @FieldOrder({
        "cbStruct",
        "dwCatalogVersion",
        "pcwszCatalogFilePath",
        "pcwszMemberTag",
        "pcwszMemberFilePath",
        "hMemberFile",
        "pbCalculatedFileHash",
        "cbCalculatedFileHash",
        "pcCatalogContext",
        "hCatAdmin"
    })
    class WINTRUST_CATALOG_INFO extends Structure {
        public int cbStruct;
        public int dwCatalogVersion;
        public Pointer pcwszCatalogFilePath;
        public Pointer pcwszMemberTag;
        public Pointer pcwszMemberFilePath;
        public WinNT.HANDLE hMemberFile;
        public Pointer pbCalculatedFileHash;
        public int cbCalculatedFileHash;
        public Pointer pcCatalogContext;
        public Pointer hCatAdmin;

        public WINTRUST_CATALOG_INFO() {
            cbStruct = size();
        }
    }
}
