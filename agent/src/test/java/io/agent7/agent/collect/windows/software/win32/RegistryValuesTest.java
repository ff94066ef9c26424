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
