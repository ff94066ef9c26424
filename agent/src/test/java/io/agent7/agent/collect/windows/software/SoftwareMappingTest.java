package io.agent7.agent.collect.windows.software;

import static io.agent7.agent.collect.windows.software.UninstallEntry.VIEW_32;
import static io.agent7.agent.collect.windows.software.UninstallEntry.VIEW_64;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SoftwareMappingTest {

    private static final String USER = "S-1-5-21-3623811015-3361044348-30300820-1013";
    private static final String OTHER_USER = "S-1-5-21-3623811015-3361044348-30300820-1014";

    /** An entry Programs and Features lists, with only what a test changes to be given. */
    private static UninstallEntry program(int view, String sid, String key, String name, String version) {
        return new UninstallEntry(view, sid, key, name, version, null, null, null, null, null, null, null, null, null);
    }

    private static String text(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null ? null : value.asString();
    }

    @Test
    void aWindowsInstallerProductCarriesEveryFieldProgramsAndFeaturesShows() {
        UninstallEntry zoom = new UninstallEntry(
                VIEW_64,
                null,
                "{4A8B7C31-7A1E-4B47-8C7D-2E0A2B9F6A11}",
                "Zoom Workplace (64-bit)",
                "6.0.11.39959",
                "Zoom Video Communications, Inc.",
                "20240517",
                "C:\\Program Files\\Zoom\\bin\\",
                "MsiExec.exe /X{4A8B7C31-7A1E-4B47-8C7D-2E0A2B9F6A11}",
                337_920,
                null,
                null,
                1,
                "https://support.zoom.us/hc/en-us");

        ObjectNode doc = SoftwareMapping.documents(List.of(zoom)).get(0);

        assertThat(doc.toString())
                .isEqualTo("{\"package\":{\"name\":\"Zoom Workplace (64-bit)\",\"version\":\"6.0.11.39959\","
                        + "\"architecture\":\"x64\",\"type\":\"msi\",\"installed\":\"2024-05-17T00:00:00.000Z\","
                        + "\"install_scope\":\"global\",\"path\":\"C:\\\\Program Files\\\\Zoom\\\\bin\\\\\","
                        + "\"reference\":\"https://support.zoom.us/hc/en-us\",\"size\":346030080},"
                        + "\"software\":{\"vendor\":\"Zoom Video Communications, Inc.\",\"source\":\"uninstall_key\","
                        + "\"uninstall_command\":\"MsiExec.exe /X{4A8B7C31-7A1E-4B47-8C7D-2E0A2B9F6A11}\"}}");
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "64, null, x64, global",
                "32, null, x86, global",
                "64, S-1-5-21-1-2-3-1001, null, user",
            })
    void theViewGivesTheArchitectureAndTheHiveTheScope(int bits, String sid, String architecture, String scope) {
        UninstallEntry entry =
                program(bits == 64 ? VIEW_64 : VIEW_32, sid, "KeePassPasswordSafe2_is1", "KeePass", "2.56");

        ObjectNode doc = SoftwareMapping.documents(List.of(entry)).get(0);

        assertThat(text(doc, "package.architecture")).isEqualTo(architecture);
        assertThat(text(doc, "package.install_scope")).isEqualTo(scope);
        assertThat(text(doc, "package.type")).isEqualTo("exe");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "20240517, 2024-05-17T00:00:00Z",
                "' 20000229 ', 2000-02-29T00:00:00Z",
                "20230229, null", // no 29 February in 2023
                "20241301, null",
                "2024-5-17, null",
                "17/05/2024, null",
                "0, null",
                "19700101, null",
                "'', null",
                "133596288000000000, null", // a FILETIME some installers write
                "null, null",
            })
    void installDateIsAStrictYearMonthDayOrNone(String value, String instant) {
        assertThat(String.valueOf(SoftwareMapping.installDate(value))).isEqualTo(String.valueOf(instant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "null",
            value = {
                "no display name, null, null, null",
                "blank display name, ' ', null, null",
                "hidden component, Microsoft Edge Update, 1, null",
                "update of a product, Security Update for Microsoft Office (KB5002557), null, Office16.PROPLUS",
            })
    void entriesProgramsAndFeaturesHidesAreLeftOut(String why, String name, Integer systemComponent, String parent) {
        UninstallEntry hidden = new UninstallEntry(
                VIEW_64, null, "key", name, "1.0", null, null, null, null, null, systemComponent, parent, null, null);

        assertThat(SoftwareMapping.documents(List.of(hidden))).as(why).isEmpty();
    }

    @Test
    void aSystemComponentOfZeroIsListed() {
        UninstallEntry entry = new UninstallEntry(
                VIEW_64, null, "7-Zip", "7-Zip 24.08 (x64)", "24.08", null, null, null, null, null, 0, "", null, null);

        assertThat(SoftwareMapping.documents(List.of(entry))).hasSize(1);
    }

    @Test
    void oneKeyWrittenToBothViewsIsOneProgramFromThe64BitView() {
        List<ObjectNode> docs = SoftwareMapping.documents(List.of(
                program(VIEW_32, null, "{GUID-ONE}", "Contoso Agent", "3.1"),
                program(VIEW_64, null, "{guid-one}", "Contoso Agent", "3.1")));

        assertThat(docs).extracting(d -> text(d, "package.architecture")).containsExactly("x64");
    }

    @Test
    void theSameProductBuiltForEachArchitectureIsTwoPrograms() {
        List<ObjectNode> docs = SoftwareMapping.documents(List.of(
                program(VIEW_64, null, "{X64-PRODUCT-CODE}", "Microsoft Visual C++ 2015-2022 Redistributable", "14.40"),
                program(
                        VIEW_32,
                        null,
                        "{X86-PRODUCT-CODE}",
                        "Microsoft Visual C++ 2015-2022 Redistributable",
                        "14.40")));

        assertThat(docs).extracting(d -> text(d, "package.architecture")).containsExactly("x64", "x86");
    }

    @Test
    void twoUsersWithTheSamePerUserProgramMakeOneItemAndTheFirstPathWins() {
        UninstallEntry first = new UninstallEntry(
                VIEW_64,
                USER,
                "slack",
                "Slack",
                "4.41.105",
                null,
                null,
                "C:\\Users\\anna\\AppData\\Local\\slack",
                null,
                null,
                null,
                null,
                null,
                null);
        UninstallEntry second = new UninstallEntry(
                VIEW_64,
                OTHER_USER,
                "slack",
                "SLACK ",
                "4.41.105",
                null,
                null,
                "C:\\Users\\ben\\AppData\\Local\\slack",
                null,
                null,
                null,
                null,
                null,
                null);

        List<ObjectNode> docs = SoftwareMapping.documents(List.of(first, second));

        assertThat(docs)
                .extracting(d -> text(d, "package.path"))
                .containsExactly("C:\\Users\\anna\\AppData\\Local\\slack");
    }

    @Test
    void anotherVersionOfAPerUserProgramIsAnotherItem() {
        List<ObjectNode> docs = SoftwareMapping.documents(List.of(
                program(VIEW_64, USER, "slack", "Slack", "4.41.105"),
                program(VIEW_64, OTHER_USER, "slack", "Slack", "4.40.128")));

        assertThat(docs).hasSize(2);
    }

    @Test
    void nonAsciiNamesAndPathsAreKeptAsWritten() {
        UninstallEntry entry = new UninstallEntry(
                VIEW_32,
                USER,
                "Übersetzer",
                " Übersetzer für Büro 日本語版 ",
                "1.0",
                "Société Générale d'Éditions",
                null,
                "C:\\Users\\jürgen\\AppData\\Local\\Программы\\",
                null,
                null,
                null,
                null,
                null,
                null);

        ObjectNode doc = SoftwareMapping.documents(List.of(entry)).get(0);

        assertThat(text(doc, "package.name")).isEqualTo("Übersetzer für Büro 日本語版");
        assertThat(text(doc, "software.vendor")).isEqualTo("Société Générale d'Éditions");
        assertThat(text(doc, "package.path")).isEqualTo("C:\\Users\\jürgen\\AppData\\Local\\Программы\\");
    }

    @ParameterizedTest(name = "EstimatedSize {0} KiB -> {1} bytes")
    @CsvSource(
            nullValues = "null",
            value = {
                "1, 1024",
                "0, null", // installers write 0 for "not computed"
                "-1, 4398046510080", // 0xFFFFFFFF KiB, an unsigned DWORD
                "null, null",
            })
    void estimatedSizeIsUnsignedKibibytes(Integer kib, Long bytes) {
        UninstallEntry entry = new UninstallEntry(
                VIEW_64, null, "k", "Sized", "1", null, null, null, null, kib, null, null, null, null);

        JsonNode size = Documents.get(SoftwareMapping.documents(List.of(entry)).get(0), "package.size");

        assertThat(size == null ? null : size.asLong()).isEqualTo(bytes);
    }

    @Test
    void emptyValuesAreLeftOutAndHugeOnesKept() {
        String huge = "C:\\Program Files\\" + "x".repeat(32_000);
        UninstallEntry entry =
                new UninstallEntry(VIEW_64, null, "k", "Huge", "", "", "", " ", huge, null, null, null, null, "");

        ObjectNode doc = SoftwareMapping.documents(List.of(entry)).get(0);

        assertThat(text(doc, "package.version")).isNull();
        assertThat(text(doc, "software.vendor")).isNull();
        assertThat(text(doc, "package.path")).isNull();
        assertThat(text(doc, "software.uninstall_command")).isEqualTo(huge);
    }
}
