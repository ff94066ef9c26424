package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.agent7.agent.collect.windows.process.Signature;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A file's Authenticode signature through WinVerifyTrust: the signature embedded in the file,
 * else the security catalog that lists the file's hash (how most of Windows' own files are
 * signed). Revocation is not checked and chain building uses cached certificates only: a
 * collection must not wait on CRL or AIA servers. The signer's name is read from the state
 * WinVerifyTrust built, before that state is closed.
 */
public final class Authenticode {

    private static final int TRUST_E_NOSIGNATURE = 0x800B0100;

    private static final int WTD_CHOICE_CATALOG = 2;

    private static final int FILE_SHARE_ALL = WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE | WinNT.FILE_SHARE_DELETE;

    private Authenticode() {}

    public static Signature verify(String path) {
        WinTrust.WINTRUST_FILE_INFO file = new WinTrust.WINTRUST_FILE_INFO();
        Memory pathText = wide(path);
        file.pcwszFilePath = pathText;
        file.write();
        Signature embedded = run(WinTrust.WTD_CHOICE_FILE, file.getPointer());
        if (embedded.trustStatus() != TRUST_E_NOSIGNATURE) {
            return embedded;
        }
        Signature catalog = catalog(path);
        return catalog == null ? embedded : catalog;
    }

    /** The file verified through the catalog that lists its hash, or null when none does. */
    private static Signature catalog(String path) {
        Kernel32 kernel32 = Kernel32.INSTANCE;
        WinNT.HANDLE file =
                kernel32.CreateFile(path, WinNT.GENERIC_READ, FILE_SHARE_ALL, null, WinNT.OPEN_EXISTING, 0, null);
        if (file == null || WinBase.INVALID_HANDLE_VALUE.equals(file)) {
            return null;
        }
        try {
            // Windows 10 catalogs list SHA-256 hashes; Windows 7's and older ones SHA-1.
            Signature sha256 = catalog(path, file, true);
            return sha256 != null ? sha256 : catalog(path, file, false);
        } finally {
            kernel32.CloseHandle(file);
        }
    }

    private static Signature catalog(String path, WinNT.HANDLE file, boolean sha256) {
        CatalogAdmin cat = CatalogAdmin.Holder.INSTANCE;
        PointerByReference adminRef = new PointerByReference();
        try {
            boolean acquired = sha256
                    ? cat.CryptCATAdminAcquireContext2(adminRef, null, new WString("SHA256"), null, 0)
                    : cat.CryptCATAdminAcquireContext(adminRef, null, 0);
            if (!acquired) {
                return null;
            }
        } catch (UnsatisfiedLinkError e) {
            return null; // Windows 7: no SHA-256 catalog API, the SHA-1 one follows
        }
        Pointer admin = adminRef.getValue();
        try {
            Memory hash = hash(cat, admin, file, sha256);
            if (hash == null) {
                return null;
            }
            Pointer info = cat.CryptCATAdminEnumCatalogFromHash(admin, hash, (int) hash.size(), 0, null);
            if (info == null) {
                return null;
            }
            try {
                CatalogAdmin.CATALOG_INFO catalogInfo = new CatalogAdmin.CATALOG_INFO();
                if (!cat.CryptCATCatalogInfoFromContext(info, catalogInfo, 0)) {
                    return null;
                }
                catalogInfo.read();
                Memory catalogPath = wide(catalogInfo.catalogFile());
                Memory memberTag = wide(memberTag(hash.getByteArray(0, (int) hash.size())));
                Memory memberPath = wide(path);
                CatalogAdmin.WINTRUST_CATALOG_INFO member = new CatalogAdmin.WINTRUST_CATALOG_INFO();
                member.pcwszCatalogFilePath = catalogPath;
                member.pcwszMemberTag = memberTag;
                member.pcwszMemberFilePath = memberPath;
                member.hMemberFile = file;
                member.pbCalculatedFileHash = hash;
                member.cbCalculatedFileHash = (int) hash.size();
                member.hCatAdmin = admin;
                member.write();
                return run(WTD_CHOICE_CATALOG, member.getPointer());
            } finally {
                cat.CryptCATAdminReleaseCatalogContext(admin, info, 0);
            }
        } finally {
            cat.CryptCATAdminReleaseContext(admin, 0);
        }
    }

    private static Memory hash(CatalogAdmin cat, Pointer admin, WinNT.HANDLE file, boolean sha256) {
        IntByReference size = new IntByReference(0);
        // The first call only sizes the hash (and fails with ERROR_INSUFFICIENT_BUFFER).
        if (sha256) {
            cat.CryptCATAdminCalcHashFromFileHandle2(admin, file, size, null, 0);
        } else {
            cat.CryptCATAdminCalcHashFromFileHandle(file, size, null, 0);
        }
        if (size.getValue() == 0) {
            return null;
        }
        Memory hash = new Memory(size.getValue());
        boolean done = sha256
                ? cat.CryptCATAdminCalcHashFromFileHandle2(admin, file, size, hash, 0)
                : cat.CryptCATAdminCalcHashFromFileHandle(file, size, hash, 0);
        return done ? hash : null;
    }

    /** The member tag a catalog files a hash under: the hash in upper-case hex. */
    static String memberTag(byte[] hash) {
        return HexFormat.of().withUpperCase().formatHex(hash);
    }

    private static Signature run(int unionChoice, Pointer subject) {
        WinTrust wintrust = WinTrust.Holder.INSTANCE;
        WinTrust.WINTRUST_DATA data = new WinTrust.WINTRUST_DATA();
        data.dwUIChoice = WinTrust.WTD_UI_NONE;
        data.fdwRevocationChecks = WinTrust.WTD_REVOKE_NONE;
        data.dwUnionChoice = unionChoice;
        data.pFile = subject;
        data.dwStateAction = WinTrust.WTD_STATEACTION_VERIFY;
        data.dwProvFlags = WinTrust.WTD_CACHE_ONLY_URL_RETRIEVAL;
        Guid.GUID action = new Guid.GUID(WinTrust.WINTRUST_ACTION_GENERIC_VERIFY_V2);
        int status = wintrust.WinVerifyTrust(null, action, data);
        try {
            return new Signature(status, data.hWVTStateData == null ? null : signer(data));
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

    /** A NUL-terminated UTF-16LE string, an LPCWSTR on Windows whatever wchar_t is where this runs. */
    static Memory wide(String text) {
        byte[] bytes = (text + '\0').getBytes(StandardCharsets.UTF_16LE);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }
}
