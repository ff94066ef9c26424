package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.process.ProcessEntry;
import io.agent7.agent.collect.windows.process.ProcessRecord;
import io.agent7.agent.collect.windows.process.TokenUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The running processes: a Toolhelp32 snapshot for every process, then each one opened for
 * what only its handle tells (image path, command line, token, creation time).
 *
 * <p>A process is opened with PROCESS_QUERY_LIMITED_INFORMATION, which protected processes
 * grant too, and PROCESS_VM_READ for the PEB on systems older than Windows 8.1; when the
 * latter is refused it is opened again without it.
 */
public final class ProcessReader {

    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

    private static final int PROCESS_VM_READ = 0x0010;

    /** A Win32 path (C:\...) rather than the NT device path (\Device\HarddiskVolume2\...). */
    private static final int WIN32_PATH_FORMAT = 0;

    /** The longest path QueryFullProcessImageName can return, in characters. */
    private static final int MAX_LONG_PATH = 32_768;

    private static final int TOKEN_USER_CLASS = WinNT.TOKEN_INFORMATION_CLASS.TokenUser;

    private static final int TOKEN_INTEGRITY_LEVEL_CLASS = WinNT.TOKEN_INFORMATION_CLASS.TokenIntegrityLevel;

    /**
     * LookupAccountSid's answers for a SID it cannot name: ERROR_NONE_MAPPED (a deleted
     * account), ERROR_TRUSTED_DOMAIN_FAILURE / ERROR_TRUSTED_RELATIONSHIP_FAILURE (a broken
     * trust) and RPC_S_SERVER_UNAVAILABLE (no domain controller reachable).
     */
    private static final Set<Integer> UNRESOLVED = Set.of(WinError.ERROR_NONE_MAPPED, 1788, 1789, 1722);

    /** One collection looks an account up once however many processes it runs. */
    private final Map<String, TokenUser> accounts = new HashMap<>();

    private final boolean commandLines;

    /** @param commandLines whether to read command lines (a socket's owner needs none) */
    public ProcessReader(boolean commandLines) {
        this.commandLines = commandLines;
    }

    /** Every process of a fresh snapshot, opened where Windows lets it be. */
    public List<ProcessRecord> readAll() {
        List<ProcessEntry> entries = snapshot();
        List<ProcessRecord> records = new ArrayList<>(entries.size());
        for (ProcessEntry entry : entries) {
            records.add(read(entry));
        }
        return records;
    }

    /**
     * When the host booted, as a FILETIME, from the kernel's own record: the same value on
     * every call, unlike "now minus uptime", so processes dated by it keep their identity.
     */
    public static long bootTime() {
        Memory info = new Memory(NtProcess.SYSTEM_TIMEOFDAY_INFORMATION_SIZE);
        info.clear();
        int status = NtProcess.Holder.INSTANCE.NtQuerySystemInformation(
                NtProcess.SystemTimeOfDayInformation, info, (int) info.size(), null);
        if (status != NtProcess.STATUS_SUCCESS) {
            throw new IllegalStateException("NtQuerySystemInformation(SystemTimeOfDayInformation) failed: NTSTATUS 0x"
                    + Integer.toHexString(status));
        }
        return info.getLong(0);
    }

    /** The Toolhelp32 process snapshot. */
    public static List<ProcessEntry> snapshot() {
        Toolhelp toolhelp = Toolhelp.Holder.INSTANCE;
        Kernel32 kernel32 = Kernel32.INSTANCE;
        WinNT.HANDLE snapshot = toolhelp.CreateToolhelp32Snapshot(Toolhelp.TH32CS_SNAPPROCESS, 0);
        if (snapshot == null || WinBase.INVALID_HANDLE_VALUE.equals(snapshot)) {
            throw new Win32Exception(Native.getLastError());
        }
        try {
            List<ProcessEntry> entries = new ArrayList<>();
            Toolhelp.PROCESSENTRY32W entry = new Toolhelp.PROCESSENTRY32W();
            boolean more = toolhelp.Process32FirstW(snapshot, entry);
            while (more) {
                entries.add(new ProcessEntry(
                        entry.th32ProcessID, entry.th32ParentProcessID, entry.cntThreads, entry.exeFile()));
                more = toolhelp.Process32NextW(snapshot, entry);
            }
            int error = Native.getLastError();
            if (error != WinError.ERROR_NO_MORE_FILES) {
                throw new Win32Exception(error);
            }
            return entries;
        } finally {
            kernel32.CloseHandle(snapshot);
        }
    }

    /** One process: what its handle tells, or only its entry when it cannot be opened. */
    public ProcessRecord read(ProcessEntry entry) {
        Kernel32 kernel32 = Kernel32.INSTANCE;
        WinNT.HANDLE process =
                kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, false, entry.pid());
        if (process == null) {
            process = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, entry.pid());
        }
        if (process == null) {
            return ProcessRecord.unopened(entry, Native.getLastError());
        }
        try {
            return new ProcessRecord(
                    entry,
                    imagePath(process),
                    commandLines ? CommandLines.of(process) : null,
                    user(process),
                    integritySid(process),
                    creationTime(process),
                    0);
        } finally {
            kernel32.CloseHandle(process);
        }
    }

    private static String imagePath(WinNT.HANDLE process) {
        char[] path = new char[MAX_LONG_PATH];
        IntByReference length = new IntByReference(path.length);
        if (!Kernel32.INSTANCE.QueryFullProcessImageName(process, WIN32_PATH_FORMAT, path, length)) {
            return null; // a process exiting, or the System process that has no image file
        }
        return new String(path, 0, length.getValue());
    }

    private static long creationTime(WinNT.HANDLE process) {
        WinBase.FILETIME creation = new WinBase.FILETIME();
        WinBase.FILETIME exit = new WinBase.FILETIME();
        WinBase.FILETIME kernel = new WinBase.FILETIME();
        WinBase.FILETIME user = new WinBase.FILETIME();
        if (!Kernel32.INSTANCE.GetProcessTimes(process, creation, exit, kernel, user)) {
            return 0;
        }
        return (long) creation.dwHighDateTime << 32 | creation.dwLowDateTime & 0xFFFF_FFFFL;
    }

    private TokenUser user(WinNT.HANDLE process) {
        return withToken(process, token -> {
            WinNT.TOKEN_USER info = tokenInformation(token, TOKEN_USER_CLASS);
            if (info == null) {
                return null;
            }
            String sid = Advapi32Util.convertSidToStringSid(info.User.Sid);
            return accounts.computeIfAbsent(sid, s -> account(s, info.User.Sid));
        });
    }

    private static String integritySid(WinNT.HANDLE process) {
        return withToken(process, token -> {
            // TOKEN_MANDATORY_LABEL is one SID_AND_ATTRIBUTES, laid out as TOKEN_USER is.
            WinNT.TOKEN_USER label = tokenInformation(token, TOKEN_INTEGRITY_LEVEL_CLASS);
            return label == null ? null : Advapi32Util.convertSidToStringSid(label.User.Sid);
        });
    }

    private static TokenUser account(String sid, WinNT.PSID psid) {
        try {
            Advapi32Util.Account account = Advapi32Util.getAccountBySid(null, psid);
            return new TokenUser(sid, account.name, account.domain);
        } catch (Win32Exception e) {
            if (UNRESOLVED.contains(e.getErrorCode())) {
                return new TokenUser(sid, null, null); // the SID says who it was; the name is not to be had
            }
            throw e;
        }
    }

    private static WinNT.TOKEN_USER tokenInformation(WinNT.HANDLE token, int infoClass) {
        IntByReference length = new IntByReference();
        Advapi32 advapi32 = Advapi32.INSTANCE;
        advapi32.GetTokenInformation(token, infoClass, null, 0, length);
        if (length.getValue() == 0) {
            return null;
        }
        WinNT.TOKEN_USER info = new WinNT.TOKEN_USER(length.getValue());
        if (!advapi32.GetTokenInformation(token, infoClass, info, length.getValue(), length)) {
            return null;
        }
        info.read();
        return info;
    }

    private static <T> T withToken(WinNT.HANDLE process, Function<WinNT.HANDLE, T> use) {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(process, WinNT.TOKEN_QUERY, token)) {
            return null; // protected processes grant no token access even to SYSTEM
        }
        try {
            return use.apply(token.getValue());
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    /** Reads remote memory in full, or returns null when the process refused or exited. */
    static Memory readMemory(WinNT.HANDLE process, Pointer address, int size) {
        Memory buffer = new Memory(Math.max(size, 1));
        IntByReference read = new IntByReference();
        if (!Kernel32.INSTANCE.ReadProcessMemory(process, address, buffer, size, read) || read.getValue() != size) {
            return null;
        }
        return buffer;
    }
}
