package io.agent7.agent.collect.windows.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Version resources as {@code VerQueryValueW} answers for real files: System32's programs
 * (one US English Unicode table), a localized program whose first translation is German,
 * installers whose Translation names a table the file does not have, files with no
 * Translation value at all, and strings padded with NULs or spaces or left empty.
 */
class VersionResourcesTest {

    /** Translation of rundll32.exe: 0x0409 (US English), 0x04B0 (1200, UTF-16), little-endian. */
    static final byte[] US_UNICODE = {0x09, 0x04, (byte) 0xB0, 0x04};

    /** Two pairs: German in Windows-1252 (0x0407, 0x04E4) first, then US English Unicode. */
    static final byte[] GERMAN_THEN_ENGLISH = {0x07, 0x04, (byte) 0xE4, 0x04, 0x09, 0x04, (byte) 0xB0, 0x04};

    /** Language neutral (0x0000) in Unicode: a table named 000004b0. */
    static final byte[] NEUTRAL = {0x00, 0x00, (byte) 0xB0, 0x04};

    private final Map<String, String> values = new HashMap<>();

    private void table(String table, String company, String description, String original) {
        put(table, "CompanyName", company);
        put(table, "FileDescription", description);
        put(table, "OriginalFilename", original);
    }

    private void put(String table, String name, String value) {
        if (value != null) {
            values.put("\\StringFileInfo\\" + table + "\\" + name, value);
        }
    }

    private VersionResource read(byte[] translation) {
        return VersionResources.read(translation, values::get);
    }

    @Test
    void aSystemProgramIsReadFromItsOnlyTableWithTheTerminatingNulGone() {
        table("040904b0", "Microsoft Corporation\0", "Windows host process (Rundll32)\0", "RUNDLL32.EXE\0");
        assertThat(read(US_UNICODE))
                .isEqualTo(new VersionResource(
                        "Microsoft Corporation", "Windows host process (Rundll32)", "RUNDLL32.EXE"));
    }

    @Test
    void theFirstTranslationWinsOverLaterOnes() {
        table("040704e4", "Contoso GmbH\0", "Werkzeug\0", "tool.exe\0");
        table("040904b0", "Contoso Ltd\0", "Tool\0", "tool-en.exe\0");
        assertThat(read(GERMAN_THEN_ENGLISH)).isEqualTo(new VersionResource("Contoso GmbH", "Werkzeug", "tool.exe"));
    }

    @Test
    void aLanguageNeutralTranslationNamesATableOfZeros() {
        table("000004b0", "Oracle Corporation\0", "Java(TM) Platform SE binary\0", "java.exe\0");
        assertThat(read(NEUTRAL).company()).isEqualTo("Oracle Corporation");
    }

    @Test
    void aTranslationNamingAMissingTableFallsBackToTheUsualOnes() {
        table("040904e4", "Acme Software\0", "Acme Setup\0", "setup.exe\0");
        assertThat(read(US_UNICODE)).isEqualTo(new VersionResource("Acme Software", "Acme Setup", "setup.exe"));
    }

    @Test
    void withoutATranslationTheUsualTablesAreTriedInOrder() {
        table("040904e4", "Windows-1252 table\0", null, null);
        table("04090000", "no code page table\0", null, null);
        assertThat(read(null).company()).isEqualTo("Windows-1252 table");
        values.clear();
        table("04090000", "no code page table\0", null, null);
        assertThat(read(new byte[0]).company()).isEqualTo("no code page table");
    }

    @Test
    void aTruncatedTranslationIsNoTranslation() {
        table("040904b0", "Contoso\0", null, null);
        assertThat(VersionResources.tables(new byte[] {0x07, 0x04, (byte) 0xE4}))
                .containsExactly("040904b0", "040904e4", "04090000");
        assertThat(read(new byte[] {0x07, 0x04, (byte) 0xE4}).company()).isEqualTo("Contoso");
    }

    @Test
    void paddedEmptyAndMissingStringsAreCleanedOrAbsent() {
        put("040904b0", "CompanyName", "  Contoso Ltd   \0\0\0\0");
        put("040904b0", "FileDescription", "\0");
        put("040904b0", "OriginalFilename", "agent.exe\0garbage after the terminator");
        assertThat(read(US_UNICODE)).isEqualTo(new VersionResource("Contoso Ltd", null, "agent.exe"));
        values.clear();
        put("040904b0", "OriginalFilename", "   ");
        put("040904b0", "FileDescription", "");
        assertThat(read(US_UNICODE)).as("a table of blanks is no table").isNull();
    }

    @Test
    void aFileWithoutStringsHasNoVersionResource() {
        assertThat(read(US_UNICODE)).isNull();
        assertThat(read(null)).isNull();
    }

    @Test
    void tablesAreNamedInLowerCaseHexAsVerQueryValueExamplesDo() {
        assertThat(VersionResources.tables(GERMAN_THEN_ENGLISH))
                .containsExactly("040704e4", "040904b0", "040904e4", "04090000");
        assertThat(VersionResources.tables(US_UNICODE)).containsExactly("040904b0", "040904e4", "04090000");
    }
}
