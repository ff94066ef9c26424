package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class PrinterDocsTest {

    /** PRINTER_ATTRIBUTE_LOCAL: set on every printer the host itself queues to. */
    private static final int LOCAL = 0x40;

    /** What EnumPrinters level 2 with PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS gives. */
    static List<PrinterInfo> printers() {
        return List.of(
                new PrinterInfo(
                        null,
                        "Microsoft Print to PDF",
                        "",
                        "PORTPROMPT:",
                        "Microsoft Print To PDF",
                        "",
                        "",
                        LOCAL,
                        0,
                        0),
                new PrinterInfo(
                        null,
                        "HP LaserJet 4250 – Étage 2",
                        "HPLJ2",
                        "IP_10.1.5.20",
                        "HP Universal Printing PCL 6",
                        "Imprimante du couloir",
                        "Bâtiment A/Étage 2",
                        LOCAL | 0x8,
                        0x400,
                        3),
                new PrinterInfo(
                        "\\\\print01",
                        "\\\\print01\\Finance-Color",
                        "Finance-Color",
                        "10.1.5.21",
                        "Xerox Global Print Driver PCL6",
                        null,
                        "Finance",
                        0x10 | 0x8,
                        0x80,
                        0),
                new PrinterInfo(
                        null, "Label printer", null, "USB001", "ZDesigner ZD420-203dpi ZPL", null, null, LOCAL, 0x1, 0),
                new PrinterInfo(
                        null, "Fax", null, "SHRFAX:", "Microsoft Shared Fax Driver", null, null, LOCAL, 0x10, 0));
    }

    private final List<ObjectNode> docs = PrinterDocs.documents(printers(), "\\\\PRINT01\\finance-color");

    @Test
    void everyPrinterIsADocumentThatTheServerAccepts() {
        Fields.assertConforms("printer", docs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // name | status | shared | share name | network | default
                "Microsoft Print to PDF | idle | false | - | false | false",
                "HP LaserJet 4250 – Étage 2 | printing | true | HPLJ2 | false | false",
                // a connection: network, and the default printer whatever the case of its name
                "\\\\print01\\Finance-Color | offline | true | Finance-Color | true | true",
                "Label printer | stopped | false | - | false | false",
                // PRINTER_STATUS_PAPER_OUT
                "Fax | error | false | - | false | false"
            })
    void statusSharingAndDefaultComeFromTheBitsAndTheDefaultName(
            String name, String status, boolean shared, String shareName, boolean network, boolean isDefault) {
        ObjectNode doc = only(docs, "printer.name", name);
        assertThat(text(doc, "printer.status")).isEqualTo(status);
        assertThat(bool(doc, "printer.shared")).isEqualTo(shared);
        assertThat(text(doc, "printer.share_name")).isEqualTo(shareName);
        assertThat(bool(doc, "printer.network")).isEqualTo(network);
        assertThat(bool(doc, "printer.default")).isEqualTo(isDefault);
    }

    @Test
    void aPrinterCarriesItsDriverPortLocationAndComment() {
        ObjectNode hp = only(docs, "printer.name", "HP LaserJet 4250 – Étage 2");

        assertThat(text(hp, "printer.driver")).isEqualTo("HP Universal Printing PCL 6");
        assertThat(text(hp, "printer.port")).isEqualTo("IP_10.1.5.20");
        assertThat(text(hp, "printer.location")).isEqualTo("Bâtiment A/Étage 2");
        assertThat(text(hp, "printer.description")).isEqualTo("Imprimante du couloir");
    }

    @ParameterizedTest
    @CsvSource({
        "0x00000000, 0x000, idle",
        "0x00000400, 0x000, printing",
        "0x00004000, 0x000, printing",
        "0x00000008, 0x000, error",
        "0x00400000, 0x000, error",
        "0x00000080, 0x000, offline",
        "0x01000000, 0x000, offline",
        "0x00000000, 0x400, offline",
        // paused while printing, offline with an error: the stronger word wins
        "0x00000401, 0x000, stopped",
        "0x00000082, 0x000, offline",
        "0x00000004, 0x000, stopped"
    })
    void statusBitsAreOneWordTheMostTellingFirst(String status, String attributes, String word) {
        assertThat(PrinterDocs.status(Integer.decode(status), Integer.decode(attributes)))
                .isEqualTo(word);
    }
}
