package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated Windows host's printers are what the printer collector's mapping makes of
 * EnumPrinters' level-2 records and the default printer: workstations connect to their site's
 * queues on the print server, which shares them.
 */
class PrinterDocsTest {

    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(31L, 150);
    }

    @Test
    void printersConformAndEveryHostHasWindowsVirtualPrinters() {
        for (VirtualHost host : windows) {
            List<ObjectNode> printers = Fleets.collect(host, "printer");
            Fields.assertConforms("printer", printers);
            assertThat(Fields.column(printers, "printer.name"))
                    .as(host.hostName())
                    .contains("Microsoft Print to PDF", "Microsoft XPS Document Writer");
            assertThat(printers)
                    .allSatisfy(doc -> assertThat(Fields.text(doc, "printer.status"))
                            .isIn("idle", "printing", "stopped", "offline", "error"));
        }
    }

    @Test
    void workstationsHaveOneDefaultThatIsAConnectionToTheirSitesQueues() {
        OfficeLayout office = OfficeLayout.of(31L);
        for (VirtualHost host : windows) {
            List<ObjectNode> printers = Fleets.collect(host, "printer");
            List<ObjectNode> defaults = Fields.all(printers, "printer.default", "true");
            List<ObjectNode> network = Fields.all(printers, "printer.network", "true");
            if (!host.role().equals("WORKSTATION")) {
                assertThat(network).as(host.hostName()).isEmpty();
                assertThat(printers.size()).as(host.hostName()).isLessThanOrEqualTo(2 + office.queues.size());
                continue;
            }
            assertThat(defaults).as(host.hostName()).hasSize(1);
            assertThat(network).as(host.hostName()).hasSizeBetween(1, 3).contains(defaults.get(0));
            assertThat(printers.size()).as(host.hostName()).isBetween(3, 8);
            for (ObjectNode connection : network) {
                assertThat(Fields.text(connection, "printer.name"))
                        .startsWith("\\\\" + office.printServerName + "\\")
                        .endsWith("\\" + Fields.text(connection, "printer.share_name"));
                assertThat(Fields.bool(connection, "printer.shared")).isTrue();
            }
        }
    }

    /** The print server's queues are those the workstations connect to, in the same state. */
    @Test
    void thePrintServerSharesTheQueuesWorkstationsUse() {
        OfficeLayout office = OfficeLayout.of(31L);
        VirtualHost server = windows.stream()
                .filter(h -> h.hostName().equals(office.printServerName))
                .findFirst()
                .orElseThrow();
        List<ObjectNode> queues = Fields.all(Fleets.collect(server, "printer"), "printer.shared", "true");
        assertThat(queues).hasSize(office.queues.size());
        Set<String> shared = new HashSet<>();
        for (ObjectNode queue : queues) {
            shared.add(Fields.text(queue, "printer.share_name") + " " + Fields.text(queue, "printer.status"));
        }
        for (VirtualHost host : windows) {
            for (ObjectNode connection : Fields.all(Fleets.collect(host, "printer"), "printer.network", "true")) {
                assertThat(shared)
                        .contains(Fields.text(connection, "printer.share_name") + " "
                                + Fields.text(connection, "printer.status"));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSamePrinters() {
        List<VirtualHost> again = Fleets.windows(31L, 150);
        for (int i = 0; i < windows.size(); i++) {
            assertThat(Fleets.collect(again.get(i), "printer")).isEqualTo(Fleets.collect(windows.get(i), "printer"));
        }
    }
}
