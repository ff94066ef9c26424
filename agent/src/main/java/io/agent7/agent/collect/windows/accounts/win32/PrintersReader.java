package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.accounts.PrinterInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The printers the host knows: EnumPrinters level 2 with PRINTER_ENUM_LOCAL |
 * PRINTER_ENUM_CONNECTIONS, sized as the API asks (a first call with no buffer answers
 * ERROR_INSUFFICIENT_BUFFER and the size needed; a printer added in between makes the second
 * call ask again), and GetDefaultPrinter.
 */
public final class PrintersReader {

    public List<PrinterInfo> read() {
        SpoolerApi api = SpoolerApi.Holder.INSTANCE;
        int flags = SpoolerApi.PRINTER_ENUM_LOCAL | SpoolerApi.PRINTER_ENUM_CONNECTIONS;
        IntByReference needed = new IntByReference();
        IntByReference returned = new IntByReference();
        if (api.EnumPrinters(flags, null, 2, null, 0, needed, returned)) {
            return List.of();
        }
        while (true) {
            int error = Native.getLastError();
            if (error != SpoolerApi.ERROR_INSUFFICIENT_BUFFER) {
                throw new Win32Exception(error);
            }
            Memory buffer = new Memory(needed.getValue());
            try {
                if (api.EnumPrinters(flags, null, 2, buffer, (int) buffer.size(), needed, returned)) {
                    return printers(buffer, returned.getValue());
                }
            } finally {
                buffer.close();
            }
        }
    }

    private static List<PrinterInfo> printers(Pointer buffer, int count) {
        int size = new PrinterInfo2().size();
        List<PrinterInfo> printers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PrinterInfo2 info = new PrinterInfo2(buffer.share((long) i * size));
            printers.add(new PrinterInfo(
                    Wide.string(info.pServerName),
                    Wide.string(info.pPrinterName),
                    Wide.string(info.pShareName),
                    Wide.string(info.pPortName),
                    Wide.string(info.pDriverName),
                    Wide.string(info.pComment),
                    Wide.string(info.pLocation),
                    info.Attributes,
                    info.Status,
                    info.cJobs));
        }
        return printers;
    }

    /** The agent account's default printer, or null when it has none (ERROR_FILE_NOT_FOUND). */
    public String defaultPrinter() {
        SpoolerApi api = SpoolerApi.Holder.INSTANCE;
        IntByReference size = new IntByReference();
        while (true) {
            char[] buffer = new char[Math.max(size.getValue(), 1)];
            if (api.GetDefaultPrinter(buffer, size)) {
                return Native.toString(buffer);
            }
            int error = Native.getLastError();
            if (error == SpoolerApi.ERROR_FILE_NOT_FOUND) {
                return null;
            }
            if (error != SpoolerApi.ERROR_INSUFFICIENT_BUFFER) {
                throw new Win32Exception(error);
            }
        }
    }
}
