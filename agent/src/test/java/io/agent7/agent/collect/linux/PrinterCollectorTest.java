package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class PrinterCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new PrinterCollector(Schema.standard(), fixture.root()).collect();
    }

    @Test
    void everyQueueIsAPrinter() {
        assertThat(Fields.column(docs, "printer.name")).containsExactly("Office", "Label", "Accounts");
    }

    @Test
    void theDefaultNetworkPrinterIsDescribedFully() {
        ObjectNode office = only(docs, "printer.name", "Office");
        assertThat(bool(office, "printer.default")).isTrue();
        assertThat(text(office, "printer.description")).isEqualTo("Office Laser");
        assertThat(text(office, "printer.location")).isEqualTo("Room 101");
        assertThat(text(office, "printer.driver")).isEqualTo("HP LaserJet 4000 Series Postscript (recommended)");
        assertThat(text(office, "printer.port")).isEqualTo("ipp://printer.example.com/ipp/print");
        assertThat(text(office, "printer.status")).isEqualTo("idle");
        assertThat(bool(office, "printer.shared")).isTrue();
        assertThat(text(office, "printer.share_name")).isEqualTo("Office");
        assertThat(bool(office, "printer.network")).isTrue();
    }

    @Test
    void aLocalUsbPrinterIsNoNetworkPrinter() {
        ObjectNode label = only(docs, "printer.name", "Label");
        assertThat(bool(label, "printer.default")).isFalse();
        assertThat(bool(label, "printer.network")).isFalse();
        assertThat(bool(label, "printer.shared")).isFalse();
        assertThat(has(label, "printer.share_name")).isFalse();
        assertThat(text(label, "printer.status")).isEqualTo("stopped");
    }

    @Test
    void aPasswordInTheDeviceUriIsNeverSent() {
        ObjectNode accounts = only(docs, "printer.name", "Accounts");
        assertThat(text(accounts, "printer.port")).isEqualTo("smb://fileserver/AccountsPrinter");
        assertThat(text(accounts, "printer.status")).isEqualTo("printing");
        assertThat(has(accounts, "printer.shared")).as("not in the file").isFalse();
        assertThat(bool(accounts, "printer.network")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "smb://user:secret@host/queue, smb://host/queue",
        "ipp://host:631/printers/x, ipp://host:631/printers/x",
        "socket://user@10.0.0.5:9100, socket://10.0.0.5:9100",
        "usb://HP/LaserJet?serial=1@2, usb://HP/LaserJet?serial=1@2",
    })
    void credentialsAreCutFromDeviceUris(String uri, String expected) {
        assertThat(PrinterCollector.withoutCredentials(uri)).isEqualTo(expected);
    }

    @Test
    void aHostWithoutCupsHasNoPrinters(@TempDir Path empty) {
        assertThat(new PrinterCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
