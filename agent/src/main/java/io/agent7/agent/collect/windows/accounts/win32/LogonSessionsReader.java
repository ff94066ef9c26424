package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.agent7.agent.collect.windows.accounts.ClientAddresses;
import io.agent7.agent.collect.windows.accounts.LogonSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The host's logon sessions: LsaEnumerateLogonSessions, LsaGetLogonSessionData for each (freed
 * with LsaFreeReturnBuffer), and for sessions on a window station the station's name and remote
 * client from WTSQuerySessionInformation (freed with WTSFreeMemory). Reading other users'
 * sessions needs the agent's SYSTEM rights.
 */
public final class LogonSessionsReader {

    private static final int LUID_SIZE = 8;

    public List<LogonSession> read() {
        LsaApi lsa = LsaApi.Holder.INSTANCE;
        IntByReference count = new IntByReference();
        PointerByReference list = new PointerByReference();
        check("LsaEnumerateLogonSessions", lsa.LsaEnumerateLogonSessions(count, list));
        Pointer luids = list.getValue();
        List<LogonSession> sessions = new ArrayList<>(count.getValue());
        Map<Integer, Station> stations = new HashMap<>();
        try {
            for (int i = 0; i < count.getValue(); i++) {
                PointerByReference data = new PointerByReference();
                int status = lsa.LsaGetLogonSessionData(luids.share((long) i * LUID_SIZE), data);
                Pointer memory = data.getValue();
                try {
                    if (status == LsaApi.STATUS_NO_SUCH_LOGON_SESSION) {
                        continue;
                    }
                    check("LsaGetLogonSessionData", status);
                    if (memory == null) {
                        continue;
                    }
                    SecurityLogonSessionData session = new SecurityLogonSessionData(memory);
                    Station station = LogonSessionsReader.onStation(session.LogonType)
                            ? stations.computeIfAbsent(session.Session, LogonSessionsReader::station)
                            : Station.NONE;
                    sessions.add(session(session, station));
                } finally {
                    if (memory != null) {
                        lsa.LsaFreeReturnBuffer(memory);
                    }
                }
            }
        } finally {
            if (luids != null) {
                lsa.LsaFreeReturnBuffer(luids);
            }
        }
        return sessions;
    }

    private static boolean onStation(int logonType) {
        return logonType == 2 || logonType == 10 || logonType == 11 || logonType == 12;
    }

    static LogonSession session(SecurityLogonSessionData data, Station station) {
        String sid = data.Sid == null ? null : Advapi32Util.convertSidToStringSid(new WinNT.PSID(data.Sid));
        long luid = ((long) data.LogonId.HighPart << 32) | Integer.toUnsignedLong(data.LogonId.LowPart);
        return new LogonSession(
                luid,
                data.UserName.text(),
                data.LogonDomain.text(),
                data.AuthenticationPackage.text(),
                data.LogonType,
                data.Session,
                sid,
                data.LogonTime,
                data.LogonServer.text(),
                data.DnsDomainName.text(),
                data.Upn.text(),
                station.name(),
                station.clientName(),
                station.clientAddress());
    }

    /** What Remote Desktop Services says of a session's window station. */
    record Station(String name, String clientName, String clientAddress) {
        static final Station NONE = new Station(null, null, null);
    }

    private static Station station(int sessionId) {
        String name = wtsString(sessionId, WtsApi.WTS_WIN_STATION_NAME);
        String client = wtsString(sessionId, WtsApi.WTS_CLIENT_NAME);
        String address = wts(sessionId, WtsApi.WTS_CLIENT_ADDRESS, memory -> {
            WtsClientAddress value = new WtsClientAddress(memory);
            return ClientAddresses.text(value.AddressFamily, value.Address);
        });
        return new Station(name, client, address);
    }

    private static String wtsString(int sessionId, int infoClass) {
        return wts(sessionId, infoClass, memory -> memory.getWideString(0));
    }

    /**
     * One WTSQuerySessionInformation; null when the session has gone since LSA listed it, which
     * WTS reports as ERROR_FILE_NOT_FOUND or ERROR_INVALID_PARAMETER.
     */
    private static String wts(int sessionId, int infoClass, Function<Pointer, String> read) {
        PointerByReference buffer = new PointerByReference();
        IntByReference bytes = new IntByReference();
        WtsApi wts = WtsApi.Holder.INSTANCE;
        boolean ok = wts.WTSQuerySessionInformation(WtsApi.CURRENT_SERVER, sessionId, infoClass, buffer, bytes);
        Pointer memory = buffer.getValue();
        try {
            if (!ok) {
                int error = Native.getLastError();
                if (error == 2 || error == 87) {
                    return null;
                }
                throw new Win32Exception(error);
            }
            return memory == null ? null : read.apply(memory);
        } finally {
            if (memory != null) {
                wts.WTSFreeMemory(memory);
            }
        }
    }

    private static void check(String function, int ntstatus) {
        if (ntstatus != LsaApi.STATUS_SUCCESS) {
            throw new IllegalStateException(function + " failed with NTSTATUS 0x"
                    + Integer.toHexString(ntstatus).toUpperCase(Locale.ROOT));
        }
    }
}
