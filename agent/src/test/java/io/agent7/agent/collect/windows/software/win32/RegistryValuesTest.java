package io.agent7.agent.collect.windows.software.win32;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.windows.software.UninstallEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryValuesTest {

    static Object[][] dwords() {
        return new Object[][] {
            {42, 42},
            {-1, -1},
            {"1520", 1520},
            {" 4294967295 ", -1},
            {"4294967296", null},
            {"12 MB", null},
            {4_294_967_295L, -1},
            {-1L, null},
            {new byte[] {1, 0, 0, 0}, null},
            {null, null},
        };
    }

    @ParameterizedTest
    @MethodSource("dwords")
    void aDwordIsReadFromWhatInstallersWriteForIt(Object value, Integer dword) {
        assertThat(RegistryValues.dword(value)).isEqualTo(dword);
    }

    private static byte[] utf16(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    }

    static Object[][] stored() {
        byte[] padded = new byte[64];
        byte[] name = utf16("7-Zip\u0000garbage");
        System.arraycopy(name, 0, padded, 0, name.length);
        return new Object[][] {
            {"REG_SZ with its NUL", 1, utf16("Zoom Workplace\u0000"), "Zoom Workplace"},
            {"REG_SZ without a NUL", 1, utf16("Zoom"), "Zoom"},
            {"REG_SZ with bytes after its NUL", 1, padded, "7-Zip"},
            {"REG_SZ of an odd length", 1, new byte[] {'A', 0, 'B'}, "A"},
            {"empty REG_SZ", 1, new byte[0], ""},
            {"REG_EXPAND_SZ stays unexpanded", 2, utf16("%ProgramFiles%\\App\u0000"), "%ProgramFiles%\\App"},
            {"non-ASCII REG_SZ", 1, utf16("Übersetzer für Büro 日本語版\u0000"), "Übersetzer für Büro 日本語版"},
            {"huge REG_SZ", 1, utf16("x".repeat(40_000) + "\u0000"), "x".repeat(40_000)},
            {"REG_DWORD", 4, new byte[] {(byte) 0xF8, 0x2E, 0x05, 0x00}, 339_704},
            {"REG_DWORD 0xFFFFFFFF", 4, new byte[] {-1, -1, -1, -1}, -1},
            {"truncated REG_DWORD", 4, new byte[] {1, 0}, null},
            {"REG_QWORD", 11, new byte[] {0, 1, 0, 0, 0, 0, 0, 0}, 256L},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stored")
    void storedBytesAreDecodedByType(String why, int type, byte[] data, Object value) {
        assertThat(RegistryValues.decode(type, data, data.length)).isEqualTo(value);
    }

    @Test
    void multiStringsEndAtTheirDoubleNul() {
        assertThat((String[]) RegistryValues.decode(7, utf16("a\u0000b c\u0000\u0000junk"), 22))
                .containsExactly("a", "b c");
        assertThat((String[]) RegistryValues.decode(7, utf16("only\u0000"), 10)).containsExactly("only");
        assertThat((String[]) RegistryValues.decode(7, new byte[0], 0)).isEmpty();
    }

    @Test
    void valuesOfOtherTypesAreTheirBytesAndReadAsNoText() {
        Object none = RegistryValues.decode(0, new byte[] {1, 2, 3, 9}, 3);
        Object bigEndian = RegistryValues.decode(5, new byte[] {0, 0, 0, 1}, 4);

        assertThat((byte[]) none).containsExactly(1, 2, 3);
        assertThat((byte[]) bigEndian).containsExactly(0, 0, 0, 1);
        assertThat(RegistryValues.text(none)).isNull();
        assertThat(RegistryValues.dword(bigEndian)).isNull();
    }

    @Test
    void textValuesOfOtherTypesAreWrittenOut() {
        assertThat(RegistryValues.text("%ProgramFiles%\\App")).isEqualTo("%ProgramFiles%\\App");
        assertThat(RegistryValues.text(-1)).isEqualTo("4294967295");
        assertThat(RegistryValues.text(new String[] {"a", "b"})).isEqualTo("a\nb");
        assertThat(RegistryValues.text(new byte[] {65})).isNull();
    }

    @Test
    void anEntryTakesEachDocumentedValueByName() {
        UninstallEntry entry = UninstallKeys.entry(
                UninstallEntry.VIEW_32,
                null,
                "{90160000-0011-0000-0000-0000000FF1CE}",
                Map.of(
                        "DisplayName", "Microsoft Office Professional Plus 2016",
                        "DisplayVersion", "16.0.4266.1001",
                        "Publisher", "Microsoft Corporation",
                        "InstallDate", "20230112",
                        "InstallLocation", "C:\\Program Files (x86)\\Microsoft Office\\",
                        "UninstallString",
                                "\"C:\\Program Files (x86)\\Common Files\\Microsoft Shared\\OFFICE16\\Office Setup Controller\\setup.exe\" /uninstall PROPLUS",
                        "EstimatedSize", 2_480_121,
                        "SystemComponent", 0,
                        "WindowsInstaller", 1,
                        "HelpLink", "https://go.microsoft.com/fwlink/?LinkId=517856"));

        assertThat(entry)
                .isEqualTo(new UninstallEntry(
                        UninstallEntry.VIEW_32,
                        null,
                        "{90160000-0011-0000-0000-0000000FF1CE}",
                        "Microsoft Office Professional Plus 2016",
                        "16.0.4266.1001",
                        "Microsoft Corporation",
                        "20230112",
                        "C:\\Program Files (x86)\\Microsoft Office\\",
                        "\"C:\\Program Files (x86)\\Common Files\\Microsoft Shared\\OFFICE16\\Office Setup Controller\\setup.exe\" /uninstall PROPLUS",
                        2_480_121,
                        0,
                        null,
                        1,
                        "https://go.microsoft.com/fwlink/?LinkId=517856"));
    }
}
