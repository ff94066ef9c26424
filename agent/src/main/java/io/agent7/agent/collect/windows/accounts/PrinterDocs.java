package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code printer} documents from EnumPrinters level 2 and GetDefaultPrinter. */
public final class PrinterDocs {

    static final int ATTRIBUTE_SHARED = 0x8;
    static final int ATTRIBUTE_NETWORK = 0x10;
    static final int ATTRIBUTE_WORK_OFFLINE = 0x400;

    private static final int STATUS_PAUSED = 0x1;
    private static final int STATUS_PENDING_DELETION = 0x4;
    private static final int STATUS_OFFLINE = 0x80 | 0x1000000; // OFFLINE, SERVER_OFFLINE
    /** ERROR, PAPER_JAM, PAPER_OUT, PAPER_PROBLEM, NOT_AVAILABLE, NO_TONER, USER_INTERVENTION, OUT_OF_MEMORY, DOOR_OPEN, SERVER_UNKNOWN. */
    private static final int STATUS_ERROR =
            0x2 | 0x8 | 0x10 | 0x40 | 0x1000 | 0x40000 | 0x100000 | 0x200000 | 0x400000 | 0x800000;
    /** PRINTING, BUSY, PROCESSING, INITIALIZING, WARMING_UP. */
    private static final int STATUS_PRINTING = 0x400 | 0x200 | 0x4000 | 0x8000 | 0x10000;

    private PrinterDocs() {}

    /**
     * @param defaultPrinter GetDefaultPrinter's answer for the agent's own account, null when it
     *     has none: Windows keeps one default per user, and the agent runs as SYSTEM
     */
    public static List<ObjectNode> documents(List<PrinterInfo> printers, String defaultPrinter) {
        List<ObjectNode> docs = new ArrayList<>(printers.size());
        for (PrinterInfo printer : printers) {
            boolean shared = (printer.attributes() & ATTRIBUTE_SHARED) != 0;
            docs.add(new Doc()
                    .text("printer.name", printer.printerName())
                    .text("printer.driver", printer.driverName())
                    .text("printer.port", printer.portName())
                    .text("printer.location", printer.location())
                    .text("printer.description", printer.comment())
                    .text("printer.status", status(printer.status(), printer.attributes()))
                    .bool("printer.shared", shared)
                    .text("printer.share_name", shared ? printer.shareName() : null)
                    .bool("printer.default", isDefault(printer, defaultPrinter))
                    .bool(
                            "printer.network",
                            (printer.attributes() & ATTRIBUTE_NETWORK) != 0 || printer.serverName() != null)
                    .build());
        }
        return docs;
    }

    /**
     * One word for the status bits, the most telling first: a paused queue prints nothing
     * whatever else is set, an offline printer cannot report its errors, an error stops
     * printing.
     */
    static String status(int status, int attributes) {
        if ((status & (STATUS_PAUSED | STATUS_PENDING_DELETION)) != 0) {
            return "stopped";
        }
        if ((status & STATUS_OFFLINE) != 0 || (attributes & ATTRIBUTE_WORK_OFFLINE) != 0) {
            return "offline";
        }
        if ((status & STATUS_ERROR) != 0) {
            return "error";
        }
        if ((status & STATUS_PRINTING) != 0) {
            return "printing";
        }
        return "idle";
    }

    /** Printer names compare as Windows compares them, without regard to case. */
    private static boolean isDefault(PrinterInfo printer, String defaultPrinter) {
        return defaultPrinter != null
                && printer.printerName() != null
                && printer.printerName().toLowerCase(Locale.ROOT).equals(defaultPrinter.toLowerCase(Locale.ROOT));
    }
}
