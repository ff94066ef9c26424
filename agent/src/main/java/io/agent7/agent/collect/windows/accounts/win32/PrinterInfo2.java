package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code PRINTER_INFO_2} of winspool.h: thirteen pointers, then eight DWORDs; 136 bytes on x64.
 * Defined here rather than taken from jna-platform, whose nested class loads winspool.drv with
 * its enclosing interface.
 */
@Structure.FieldOrder({
    "pServerName",
    "pPrinterName",
    "pShareName",
    "pPortName",
    "pDriverName",
    "pComment",
    "pLocation",
    "pDevMode",
    "pSepFile",
    "pPrintProcessor",
    "pDatatype",
    "pParameters",
    "pSecurityDescriptor",
    "Attributes",
    "Priority",
    "DefaultPriority",
    "StartTime",
    "UntilTime",
    "Status",
    "cJobs",
    "AveragePPM"
})
public class PrinterInfo2 extends Structure {
    public Pointer pServerName;
    public Pointer pPrinterName;
    public Pointer pShareName;
    public Pointer pPortName;
    public Pointer pDriverName;
    public Pointer pComment;
    public Pointer pLocation;
    public Pointer pDevMode;
    public Pointer pSepFile;
    public Pointer pPrintProcessor;
    public Pointer pDatatype;
    public Pointer pParameters;
    public Pointer pSecurityDescriptor;
    public int Attributes;
    public int Priority;
    public int DefaultPriority;
    public int StartTime;
    public int UntilTime;
    public int Status;
    public int cJobs;
    public int AveragePPM;

    public PrinterInfo2() {}

    PrinterInfo2(Pointer memory) {
        super(memory);
        read();
    }
}
