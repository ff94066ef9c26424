package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The functions of netapi32.dll that jna-platform's {@code Netapi32} lacks, with the signatures
 * lmaccess.h, lmshare.h and lmapibuf.h declare. Strings are LPCWSTR: {@link
 * W32APIOptions#UNICODE_OPTIONS} passes Java strings as UTF-16.
 */
interface NetApi extends StdCallLibrary {

    int NERR_SUCCESS = 0;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_MORE_DATA = 234;
    /** MAX_PREFERRED_LENGTH: let the API allocate what all entries need. */
    int MAX_PREFERRED_LENGTH = -1;

    int FILTER_NORMAL_ACCOUNT = 0x0002;

    /** Loaded on first use only: no test and no Linux agent ever loads netapi32.dll. */
    final class Holder {
        static final NetApi INSTANCE = Native.load("Netapi32", NetApi.class, W32APIOptions.UNICODE_OPTIONS);

        private Holder() {}
    }

    /** NET_API_STATUS NetUserEnum(LPCWSTR, DWORD level, DWORD filter, LPBYTE*, DWORD, LPDWORD, LPDWORD, PDWORD). */
    int NetUserEnum(
            String servername,
            int level,
            int filter,
            PointerByReference bufptr,
            int prefmaxlen,
            IntByReference entriesread,
            IntByReference totalentries,
            IntByReference resumeHandle);

    /** NET_API_STATUS NetUserModalsGet(LPCWSTR servername, DWORD level, LPBYTE *bufptr). */
    int NetUserModalsGet(String servername, int level, PointerByReference bufptr);

    /** NET_API_STATUS NetUserGetInfo(LPCWSTR servername, LPCWSTR username, DWORD level, LPBYTE *bufptr). */
    int NetUserGetInfo(String servername, String username, int level, PointerByReference bufptr);

    /** NET_API_STATUS NetLocalGroupEnum(LPCWSTR, DWORD level, LPBYTE*, DWORD, LPDWORD, LPDWORD, PDWORD_PTR). */
    int NetLocalGroupEnum(
            String servername,
            int level,
            PointerByReference bufptr,
            int prefmaxlen,
            IntByReference entriesread,
            IntByReference totalentries,
            BaseTSD.ULONG_PTRByReference resumehandle);

    /**
     * NET_API_STATUS NetLocalGroupGetMembers(LPCWSTR servername, LPCWSTR localgroupname, DWORD
     * level, LPBYTE *bufptr, DWORD prefmaxlen, LPDWORD entriesread, LPDWORD totalentries,
     * PDWORD_PTR resumehandle).
     */
    int NetLocalGroupGetMembers(
            String servername,
            String localgroupname,
            int level,
            PointerByReference bufptr,
            int prefmaxlen,
            IntByReference entriesread,
            IntByReference totalentries,
            BaseTSD.ULONG_PTRByReference resumehandle);

    /**
     * NET_API_STATUS NetShareEnum(LMSTR servername, DWORD level, LPBYTE *bufptr, DWORD
     * prefmaxlen, LPDWORD entriesread, LPDWORD totalentries, LPDWORD resume_handle).
     */
    int NetShareEnum(
            String servername,
            int level,
            PointerByReference bufptr,
            int prefmaxlen,
            IntByReference entriesread,
            IntByReference totalentries,
            IntByReference resumeHandle);

    /**
     * NET_API_STATUS NetSessionEnum(LMSTR servername, LMSTR UncClientName, LMSTR username, DWORD
     * level, LPBYTE *bufptr, DWORD prefmaxlen, LPDWORD entriesread, LPDWORD totalentries,
     * LPDWORD resume_handle).
     */
    int NetSessionEnum(
            String servername,
            String uncClientName,
            String username,
            int level,
            PointerByReference bufptr,
            int prefmaxlen,
            IntByReference entriesread,
            IntByReference totalentries,
            IntByReference resumeHandle);

    /** NET_API_STATUS NetApiBufferFree(LPVOID Buffer). */
    int NetApiBufferFree(com.sun.jna.Pointer buffer);
}
