package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.accounts.PrinterInfo;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code printer} documents of Windows hosts, made by the Windows collector's mapping from the
 * records EnumPrinters level 2 ({@code PRINTER_INFO_2}) and GetDefaultPrinter would give the
 * agent, which runs as SYSTEM: the local printers and the per-machine printer connections Group
 * Policy deploys, which every account sees.
 *
 * <p>Every host has Windows' own virtual printers. A workstation also has connections to one to
 * three queues of its site on the print server ({@link OfficeLayout}), the first its default, now
 * and then a USB printer, a fax printer on Windows 10 and OneNote's where Office is installed.
 * The print server shares every site's queues. A queue's status and jobs are the same wherever it
 * is seen, and change by the hour (errors, pauses) and the ten minutes (jobs in working hours).
 */
final class PrinterDocs {

    /** PRINTER_ATTRIBUTE_SHARED, NETWORK, LOCAL, DO_COMPLETE_FIRST, ENABLE_BIDI and PUBLISHED. */
    private static final int SHARED = 0x8;

    private static final int NETWORK = 0x10;
    private static final int LOCAL = 0x40;
    private static final int DO_COMPLETE_FIRST = 0x200;
    private static final int ENABLE_BIDI = 0x800;
    private static final int PUBLISHED = 0x2000;

    /** PRINTER_STATUS_PAUSED, PAPER_OUT, OFFLINE, PRINTING and TONER_LOW (a warning, not an error). */
    private static final int PAUSED = 0x1;

    private static final int PAPER_OUT = 0x10;
    private static final int OFFLINE = 0x80;
    private static final int PRINTING = 0x400;
    private static final int TONER_LOW = 0x20000;

    private static final String PDF = "Microsoft Print to PDF";

    private static final PrinterInfo PRINT_TO_PDF = new PrinterInfo(
            null, PDF, null, "PORTPROMPT:", "Microsoft Print To PDF", null, null, LOCAL | DO_COMPLETE_FIRST, 0, 0);
    private static final PrinterInfo XPS = new PrinterInfo(
            null,
            "Microsoft XPS Document Writer",
            null,
            "PORTPROMPT:",
            "Microsoft XPS Document Writer v4",
            null,
            null,
            LOCAL | DO_COMPLETE_FIRST,
            0,
            0);
    private static final PrinterInfo FAX = new PrinterInfo(
            null, "Fax", null, "SHRFAX:", "Microsoft Shared Fax Driver", null, null, LOCAL | DO_COMPLETE_FIRST, 0, 0);
    private static final PrinterInfo ONENOTE = new PrinterInfo(
            null,
            "OneNote (Desktop)",
            null,
            "nul:",
            "Send to Microsoft OneNote 16 Driver",
            null,
            null,
            LOCAL | DO_COMPLETE_FIRST,
            0,
            0);
    private static final PrinterInfo USB = new PrinterInfo(
            null,
            "HP LaserJet M110w",
            null,
            "USB001",
            "HP LaserJet M109-M112 PCLm-S",
            null,
            null,
            LOCAL | ENABLE_BIDI | DO_COMPLETE_FIRST,
            0,
            0);

    private PrinterDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        OfficeLayout office = OfficeLayout.of(p.seed);
        List<PrinterInfo> printers = new ArrayList<>(8);
        String defaultPrinter = PDF;
        if (p.role == Role.WORKSTATION) {
            List<OfficeLayout.Queue> site = office.queuesOf(OfficeLayout.siteIndex(p.site));
            int count = 1 + Seeds.below(Seeds.of(p.key, 0x9217), site.size());
            int first = Seeds.below(Seeds.of(p.key, 0x9218), site.size());
            String server = "\\\\" + office.printServerName;
            for (int i = 0; i < count; i++) {
                OfficeLayout.Queue q = site.get((first + i) % site.size());
                String name = server + "\\" + q.name();
                printers.add(queue(office, q, h.clock, server, name, NETWORK | SHARED | DO_COMPLETE_FIRST));
                if (i == 0) {
                    defaultPrinter = name;
                }
            }
            if (Seeds.chance(Seeds.of(p.key, 0x9219), 0.1)) {
                printers.add(USB);
            }
            if (p.os == OsRelease.WIN10) {
                printers.add(FAX);
            }
            if (h.installed("office", h.clock)) {
                printers.add(ONENOTE);
            }
        } else if (p.index == office.printServer) {
            for (OfficeLayout.Queue q : office.queues) {
                printers.add(queue(
                        office,
                        q,
                        h.clock,
                        null,
                        q.name(),
                        LOCAL | SHARED | DO_COMPLETE_FIRST | ENABLE_BIDI | PUBLISHED));
            }
        }
        printers.add(PRINT_TO_PDF);
        printers.add(XPS);
        return io.agent7.agent.collect.windows.accounts.PrinterDocs.documents(printers, defaultPrinter);
    }

    /** A queue as the print server has it, or as a connection to it: the server's status and jobs. */
    private static PrinterInfo queue(
            OfficeLayout office, OfficeLayout.Queue q, long t, String server, String name, int attributes) {
        long key = Seeds.of(office.seed, q.name());
        long hour = Math.floorDiv(t, SimTime.HOUR);
        double roll = Seeds.unit(Seeds.of(key, hour));
        int status =
                roll < 0.03 ? PAPER_OUT : roll < 0.05 ? OFFLINE : roll < 0.06 ? PAUSED : roll < 0.15 ? TONER_LOW : 0;
        long tz = Org.SITES.get(q.site()).offset();
        long slot = Math.floorDiv(t, 10 * SimTime.MINUTE);
        int jobs = (int) (3 * Smooth.workload(t, tz) * Seeds.unit(Seeds.of(key, slot)));
        if (jobs > 0 && status != OFFLINE && status != PAUSED) {
            status |= PRINTING;
        }
        return new PrinterInfo(
                server,
                name,
                q.name(),
                "IP_" + Org.ipText(q.device()),
                q.driver(),
                q.comment(),
                q.location(),
                attributes,
                status,
                jobs);
    }
}
