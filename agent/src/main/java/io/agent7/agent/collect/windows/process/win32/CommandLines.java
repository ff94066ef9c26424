package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.process.win32.NtStructures.PEB;
import io.agent7.agent.collect.windows.process.win32.NtStructures.PROCESS_BASIC_INFORMATION;
import io.agent7.agent.collect.windows.process.win32.NtStructures.RTL_USER_PROCESS_PARAMETERS;
import io.agent7.agent.collect.windows.process.win32.NtStructures.UNICODE_STRING;

/**
 * A process's command line: through ProcessCommandLineInformation where Windows has it (8.1
 * and later; it needs only PROCESS_QUERY_LIMITED_INFORMATION), else from the process's PEB
 * (RTL_USER_PROCESS_PARAMETERS.CommandLine, read with ReadProcessMemory).
 */
final class CommandLines {

    private static final int INITIAL_SIZE = 2048;

    private CommandLines() {}

    /** The command line, or null when the process does not let it be read. */
    static String of(WinNT.HANDLE process) {
        NtProcess nt = NtProcess.Holder.INSTANCE;
        Memory buffer = new Memory(INITIAL_SIZE);
        IntByReference needed = new IntByReference();
        while (true) {
            int status = nt.NtQueryInformationProcess(
                    process, NtProcess.ProcessCommandLineInformation, buffer, (int) buffer.size(), needed);
            if (status == NtProcess.STATUS_SUCCESS) {
                return text(new UNICODE_STRING(buffer));
            }
            boolean tooSmall = status == NtProcess.STATUS_INFO_LENGTH_MISMATCH
                    || status == NtProcess.STATUS_BUFFER_OVERFLOW
                    || status == NtProcess.STATUS_BUFFER_TOO_SMALL;
            if (tooSmall && needed.getValue() > buffer.size()) {
                buffer = new Memory(needed.getValue());
                continue;
            }
            if (status == NtProcess.STATUS_INVALID_INFO_CLASS) {
                return fromPeb(process); // before Windows 8.1
            }
            return null;
        }
    }

    private static String fromPeb(WinNT.HANDLE process) {
        PROCESS_BASIC_INFORMATION basic = new PROCESS_BASIC_INFORMATION();
        int status = NtProcess.Holder.INSTANCE.NtQueryInformationProcess(
                process, NtProcess.ProcessBasicInformation, basic.getPointer(), basic.size(), null);
        if (status != NtProcess.STATUS_SUCCESS) {
            return null;
        }
        basic.read();
        if (basic.PebBaseAddress == null) {
            return null;
        }
        PEB peb = new PEB();
        Memory pebBytes = ProcessReader.readMemory(process, basic.PebBaseAddress, peb.size());
        if (pebBytes == null) {
            return null;
        }
        peb.getPointer().write(0, pebBytes.getByteArray(0, peb.size()), 0, peb.size());
        peb.read();
        if (peb.ProcessParameters == null) {
            return null; // a process still starting has no parameters yet
        }
        RTL_USER_PROCESS_PARAMETERS parameters = new RTL_USER_PROCESS_PARAMETERS();
        Memory parameterBytes = ProcessReader.readMemory(process, peb.ProcessParameters, parameters.size());
        if (parameterBytes == null) {
            return null;
        }
        parameters.getPointer().write(0, parameterBytes.getByteArray(0, parameters.size()), 0, parameters.size());
        parameters.read();
        int length = parameters.CommandLine.Length & 0xFFFF;
        if (length == 0 || parameters.CommandLine.Buffer == null) {
            return null;
        }
        Memory text = ProcessReader.readMemory(process, parameters.CommandLine.Buffer, length);
        return text == null ? null : new String(text.getCharArray(0, length / 2));
    }

    /** A UNICODE_STRING whose buffer is in this process; Length counts bytes. */
    private static String text(UNICODE_STRING string) {
        int length = string.Length & 0xFFFF;
        if (length == 0 || string.Buffer == null) {
            return null;
        }
        Pointer buffer = string.Buffer;
        return new String(buffer.getCharArray(0, length / 2));
    }
}
