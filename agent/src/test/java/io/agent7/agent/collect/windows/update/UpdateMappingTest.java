package io.agent7.agent.collect.windows.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.schema.Documents;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class UpdateMappingTest {

    private static final String LCU_TITLE =
            "2024-01 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5034122)";
    /** 2024-01-10T03:12:45Z as OLE Automation DATE: 45301 days after 1899-12-30, plus the time of day. */
    private static final double JAN_10 = 45_301d + (3 * 3600 + 12 * 60 + 45) / 86_400d;

    private static ServicingPackage pkg(
            String name, int state, Instant at, String sid, String account, ServicingManifest m) {
        long ticks = FileTimes.ticks(at);
        return new ServicingPackage(name, state, (int) ticks, (int) (ticks >>> 32), sid, account, m);
    }

    private static HistoryEntry history(
            int operation, int result, double date, String title, String id, String client) {
        return new HistoryEntry(
                operation, result, date, title, id, 200, client, "https://support.microsoft.com/help/x");
    }

    private static String text(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null ? null : value.asString();
    }

    @Test
    void aCumulativeUpdateIsOneHotfixTitledAsWindowsUpdateTitlesIt() throws IOException {
        ServicingManifest lcu = ServicingManifestTest.fixture("Package_for_RollupFix");
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(pkg(
                        "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3930.1.7",
                        ServicingPackage.INSTALLED,
                        Instant.parse("2024-01-10T03:20:11.1234567Z"),
                        "S-1-5-18",
                        "NT AUTHORITY\\SYSTEM",
                        lcu)),
                List.of(history(
                        1, 2, JAN_10, LCU_TITLE, "3a0b7a2b-0b39-4b5e-9f0c-1d5a7e5b9d21", "UpdateOrchestrator")));

        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).toString())
                .isEqualTo("{\"update\":{\"id\":\"KB5034122\",\"title\":\"" + LCU_TITLE
                        + "\",\"type\":\"security_update\","
                        + "\"installed_at\":\"2024-01-10T03:20:11.123Z\",\"installed_by\":\"NT AUTHORITY\\\\SYSTEM\","
                        + "\"source\":\"qfe\",\"reference\":\"https://support.microsoft.com/help/5034122\"}}");
    }

    @Test
    void theSeveralPackagesOfOneKbAreOneHotfixInstalledWithTheFirst() throws IOException {
        ServicingManifest m = ServicingManifestTest.fixture("Package_for_KB5034441");
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(
                        pkg(
                                "Package_for_KB5034441~31bf3856ad364e35~amd64~~10.0.1.2",
                                0x70,
                                Instant.parse("2024-01-12T10:00:00Z"),
                                "S-1-5-18",
                                null,
                                m),
                        pkg(
                                "Package_1_for_KB5034441~31bf3856ad364e35~amd64~~10.0.1.2",
                                0x70,
                                Instant.parse("2024-01-12T09:58:00Z"),
                                "S-1-5-18",
                                null,
                                m)),
                List.of());

        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(text(d, "update.installed_at")).isEqualTo("2024-01-12T09:58:00.000Z");
            assertThat(text(d, "update.title")).isEqualTo("Fix for KB5034441");
            assertThat(text(d, "update.installed_by"))
                    .as("well-known SID named without a lookup")
                    .isEqualTo("NT AUTHORITY\\SYSTEM");
        });
    }

    @ParameterizedTest(name = "state 0x{0} release type {1} -> {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "70, Security Update, security_update",
                "80, Update, update",
                "70, Hotfix, hotfix",
                "70, Critical Update, update",
                "50, Security Update, null", // superseded
                "40, Update, null", // staged, not installed
                "05, Update, null", // uninstall pending
                "70, Language Pack, null",
                "70, OnDemand Pack, null",
                "70, Feature Pack, null",
                "70, null, null",
            })
    void onlyInstalledPackagesOfAnUpdatesReleaseTypeAreHotfixes(String state, String releaseType, String type) {
        ServicingManifest m = new ServicingManifest("KB4562830", releaseType, null, null);
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(pkg(
                        "Package_for_KB4562830~31bf3856ad364e35~amd64~~10.0.1.10",
                        Integer.parseInt(state, 16),
                        Instant.parse("2023-06-01T00:00:00Z"),
                        "S-1-5-18",
                        null,
                        m)),
                List.of());

        assertThat(docs)
                .extracting(d -> text(d, "update.type"))
                .containsExactlyElementsOf(type == null ? List.of() : List.of(type));
    }

    @Test
    void anInstallerWhoseSidNoLongerResolvesIsKeptAsTheSid() {
        String deleted = "S-1-5-21-1004336348-1177238915-682003330-1107";
        ServicingManifest m = new ServicingManifest("Package_for_KB890830", "Update", null, null);
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(pkg(
                        "Package_for_KB890830~31bf3856ad364e35~amd64~~5.120.0.0",
                        0x70,
                        Instant.parse("2023-06-01T00:00:00Z"),
                        deleted,
                        null,
                        m)),
                List.of());

        assertThat(text(docs.get(0), "update.installed_by")).isEqualTo(deleted);
        assertThat(text(docs.get(0), "update.id"))
                .as("KB from the identifier or the package name")
                .isEqualTo("KB890830");
    }

    @Test
    void theHistoryAddsSuccessfulInstallationsThatAreNotHotfixes() {
        double earlier = JAN_10 - 1.5;
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(),
                List.of(
                        history(
                                1,
                                2,
                                JAN_10,
                                "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.403.3034.0)",
                                "a",
                                "Windows Defender (77BDAF73-B396-481F-9042-AD358843EC24)"),
                        history(
                                1,
                                2,
                                earlier,
                                "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.403.2995.0)",
                                "a",
                                "Windows Defender (77BDAF73-B396-481F-9042-AD358843EC24)"),
                        history(
                                1,
                                3,
                                JAN_10,
                                "Intel - System - 10.1.19.1",
                                "5e0d5c36-1b9d-4f3f-8b44-6dc0b2b6c1af",
                                "AutomaticUpdates"),
                        history(
                                1,
                                4,
                                JAN_10,
                                "2024-01 Cumulative Update for Windows 11 (KB5034123)",
                                "b",
                                "UpdateOrchestrator"),
                        history(1, 5, JAN_10, "Aborted (KB5034765)", "c", "UpdateOrchestrator"),
                        history(2, 2, JAN_10, "Uninstalled (KB5034204)", "d", "UpdateOrchestrator"),
                        history(
                                1,
                                2,
                                JAN_10,
                                "2024-01 Cumulative Update Preview for Windows 11 (KB5034204)",
                                "e",
                                "UpdateOrchestrator")));

        assertThat(docs)
                .extracting(
                        d -> text(d, "update.id") + " " + text(d, "update.type") + " " + text(d, "update.installed_at"))
                .containsExactly(
                        "KB2267602 update 2024-01-10T03:12:45.000Z",
                        "KB2267602 update 2024-01-08T15:12:45.000Z",
                        "5e0d5c36-1b9d-4f3f-8b44-6dc0b2b6c1af update 2024-01-10T03:12:45.000Z",
                        "KB5034204 update 2024-01-10T03:12:45.000Z");
        assertThat(docs).allSatisfy(d -> assertThat(text(d, "update.source")).isEqualTo("windows_update"));
        assertThat(text(docs.get(2), "update.installed_by")).isEqualTo("AutomaticUpdates");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            delimiter = '|',
            value = {
                "2024-01 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5034123)|KB5034123",
                "Security Update for Microsoft Office 2016 (kb5002537) 64-Bit Edition|KB5002537",
                "Update for Windows (KB2267602-x64)|KB2267602",
                "Windows Malicious Software Removal Tool x64 - v5.120 (KB890830)|KB890830",
                "Intel - Display - 31.0.101.4502|null",
                "Package_for_KB12|null",
                "null|null",
            })
    void theKbIsTheFirstKbNumberOfTheTitle(String title, String kb) {
        assertThat(UpdateMapping.kb(title)).isEqualTo(kb);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-01 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5034122)|security_update",
                "2024-01 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5034129)|security_update",
                "Security Update for Microsoft Office 2016 (KB5002537) 64-Bit Edition|security_update",
                "2024-01 Cumulative Update Preview for Windows 11 Version 23H2 for x64-based Systems (KB5034204)|update",
                "2024-01 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 10 Version 22H2 for x64 (KB5033909)|update",
                "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.403.3034.0)|update",
            })
    void theHistorysKindComesFromTheTitle(String title, String type) {
        assertThat(UpdateMapping.historyType(title)).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {"25569, 1970-01-01T00:00:00Z", "45301.5, 2024-01-10T12:00:00Z", "0, null", "-1.25, null"})
    void oleDatesAreDaysSince1899December30(double date, String instant) {
        assertThat(String.valueOf(UpdateMapping.oleDate(date))).isEqualTo(String.valueOf(instant));
    }

    @Test
    void everyDocumentPassesTheServersValidationOnce() throws IOException {
        ServicingManifest lcu = ServicingManifestTest.fixture("Package_for_RollupFix");
        List<ObjectNode> docs = UpdateMapping.documents(
                List.of(pkg(
                        "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3930.1.7",
                        0x70,
                        Instant.parse("2024-01-10T03:20:11Z"),
                        "S-1-5-18",
                        "NT AUTHORITY\\SYSTEM",
                        lcu)),
                List.of(
                        history(1, 2, JAN_10, LCU_TITLE, "x", "UpdateOrchestrator"),
                        history(1, 2, JAN_10, "Sécurité: mise à jour de l'outil (KB890830)", "y", "AutomaticUpdates"),
                        history(1, 2, JAN_10, "Sécurité: mise à jour de l'outil (KB890830)", "y", "AutomaticUpdates"),
                        history(1, 2, JAN_10, "", "", "AutomaticUpdates")));

        assertThat(docs).hasSize(2);
        Fields.assertConforms("update", docs);
    }
}
