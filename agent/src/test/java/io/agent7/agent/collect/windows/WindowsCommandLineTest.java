package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowsCommandLineTest {

    private static final Map<String, String> ENV = Map.of(
            "SystemRoot", "C:\\Windows",
            "ProgramFiles", "C:\\Program Files",
            "ProgramFiles(x86)", "C:\\Program Files (x86)",
            "APPDATA", "C:\\Users\\Zoë\\AppData\\Roaming",
            "Path", "C:\\Windows\\system32;C:\\Windows;D:\\Tools\\;");

    private static Predicate<String> files(String... paths) {
        Set<String> existing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        existing.addAll(Arrays.asList(paths));
        return existing::contains;
    }

    /** Rows after Microsoft's "Parsing C++ command-line arguments" table and CommandLineToArgvW's first-argument rule. */
    static Stream<Arguments> splitRows() {
        return Stream.of(
                arguments("p \"abc\" d e", List.of("p", "abc", "d", "e")),
                arguments("p a\\\\\\b d\"e f\"g h", List.of("p", "a\\\\\\b", "de fg", "h")),
                arguments("p a\\\\\\\"b c d", List.of("p", "a\\\"b", "c", "d")),
                arguments("p a\\\\\\\\\"b c\" d e", List.of("p", "a\\\\b c", "d", "e")),
                // CommandLineToArgvW: a doubled quote inside quotes is a quote and ends the quoting.
                arguments("p a\"b\"\" c d", List.of("p", "ab\"", "c", "d")),
                arguments("p a\\\\\\\\", List.of("p", "a\\\\\\\\")),
                arguments("C:\\dir\\\"x y\"", List.of("C:\\dir\\\"x", "y")),
                arguments("\"C:\\path\\\\\" arg", List.of("C:\\path\\\\", "arg")),
                arguments("\"C:\\a b\\x.exe\"-k v", List.of("C:\\a b\\x.exe", "-k", "v")),
                arguments("p\ta\t\tb", List.of("p", "a", "b")),
                arguments("p \"\"", List.of("p", "")),
                arguments("p \"a b", List.of("p", "a b")),
                arguments("p a  ", List.of("p", "a")),
                arguments(" p a", List.of("", "p", "a")),
                arguments("\"unterminated program", List.of("unterminated program")),
                arguments("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("splitRows")
    void splitsByTheCommandLineToArgvRules(String line, List<String> expected) {
        assertThat(WindowsCommandLine.split(line)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> expandRows() {
        return Stream.of(
                arguments("%SystemRoot%\\system32", "C:\\Windows\\system32"),
                arguments("%systemroot%\\x", "C:\\Windows\\x"),
                arguments("%UNKNOWN%\\x", "%UNKNOWN%\\x"),
                arguments("100%%SystemRoot%", "100%C:\\Windows"),
                arguments("%%", "%%"),
                arguments("50% off", "50% off"),
                arguments("%ProgramFiles(x86)%\\App", "C:\\Program Files (x86)\\App"),
                arguments("%APPDATA%\\Ünïcode\\a.exe", "C:\\Users\\Zoë\\AppData\\Roaming\\Ünïcode\\a.exe"),
                arguments("%SystemRoot%%SystemRoot%", "C:\\WindowsC:\\Windows"));
    }

    @ParameterizedTest
    @MethodSource("expandRows")
    void expandsVariablesCaseInsensitivelyAndKeepsUnknownOnes(String text, String expected) {
        assertThat(WindowsCommandLine.expand(text, ENV)).isEqualTo(expected);
    }

    static Stream<Arguments> pathRows() {
        return Stream.of(
                arguments("\\SystemRoot\\System32\\drivers\\acpi.sys", "C:\\Windows\\System32\\drivers\\acpi.sys"),
                arguments("\\systemroot\\system32\\ntoskrnl.exe", "C:\\Windows\\system32\\ntoskrnl.exe"),
                arguments("System32\\drivers\\disk.sys", "C:\\Windows\\System32\\drivers\\disk.sys"),
                arguments("system32\\DRIVERS\\ndis.sys", "C:\\Windows\\system32\\DRIVERS\\ndis.sys"),
                arguments("\\??\\C:\\Windows\\system32\\drivers\\x.sys", "C:\\Windows\\system32\\drivers\\x.sys"),
                arguments("\\??\\UNC\\srv\\share\\x.exe", "\\\\srv\\share\\x.exe"),
                arguments("\\\\?\\C:\\x.exe", "C:\\x.exe"),
                arguments("%SystemRoot%\\System32\\svchost.exe", "C:\\Windows\\System32\\svchost.exe"),
                arguments("\\Windows\\x.exe", "C:\\Windows\\x.exe"),
                arguments("C:\\x.exe", "C:\\x.exe"),
                arguments("\\\\srv\\share\\x.exe", "\\\\srv\\share\\x.exe"),
                arguments("cmd.exe", "C:\\Windows\\System32\\cmd.exe"),
                arguments("tool", "D:\\Tools\\tool.exe"),
                arguments("missing.exe", null),
                arguments("  ", null));
    }

    @ParameterizedTest
    @MethodSource("pathRows")
    void makesProgramPathsAbsoluteAsTheLoaderReadsThem(String path, String expected) {
        Predicate<String> exists = files("C:\\Windows\\System32\\cmd.exe", "D:\\Tools\\tool.exe");
        assertThat(WindowsCommandLine.path(path, ENV, exists)).isEqualTo(expected);
    }

    @Test
    void leavesRelativePathsUnresolvedWithoutASystemRoot() {
        assertThat(WindowsCommandLine.path("system32\\drivers\\x.sys", Map.of(), p -> true))
                .isNull();
        assertThat(WindowsCommandLine.path("\\SystemRoot\\x.sys", Map.of(), p -> true))
                .isNull();
    }

    static final String VENDOR = "C:\\Program Files\\Vendor App\\svc.exe";

    /** text, existing files, executable, args, unquoted-with-spaces. */
    static Stream<Arguments> commandRows() {
        return Stream.of(
                arguments(VENDOR + " -k x", List.of(), VENDOR, List.of(VENDOR, "-k", "x"), true),
                arguments(VENDOR + " -k x", List.of(VENDOR), VENDOR, List.of(VENDOR, "-k", "x"), true),
                arguments(
                        VENDOR + " -k x",
                        List.of("C:\\Program.exe", VENDOR),
                        "C:\\Program.exe",
                        List.of("C:\\Program", "Files\\Vendor", "App\\svc.exe", "-k", "x"),
                        true),
                arguments(
                        VENDOR + " -k x",
                        List.of("C:\\Program Files\\Vendor.exe"),
                        "C:\\Program Files\\Vendor.exe",
                        List.of("C:\\Program Files\\Vendor", "App\\svc.exe", "-k", "x"),
                        true),
                arguments(
                        "\"" + VENDOR + "\" -k x",
                        List.of("C:\\Program.exe"),
                        VENDOR,
                        List.of(VENDOR, "-k", "x"),
                        false),
                arguments(
                        "C:\\Windows\\system32\\svchost.exe -k \"Local Service\"",
                        List.of(),
                        "C:\\Windows\\system32\\svchost.exe",
                        List.of("C:\\Windows\\system32\\svchost.exe", "-k", "Local Service"),
                        false),
                arguments(
                        "%ProgramFiles%\\Vendor\\agent.exe /service",
                        List.of(),
                        "C:\\Program Files\\Vendor\\agent.exe",
                        List.of("C:\\Program Files\\Vendor\\agent.exe", "/service"),
                        true),
                arguments(
                        "\"%ProgramFiles%\\Vendor\\agent.exe\" /service",
                        List.of(),
                        "C:\\Program Files\\Vendor\\agent.exe",
                        List.of("C:\\Program Files\\Vendor\\agent.exe", "/service"),
                        false),
                arguments(
                        "\\SystemRoot\\System32\\drivers\\acpi.sys",
                        List.of(),
                        "C:\\Windows\\System32\\drivers\\acpi.sys",
                        List.of("\\SystemRoot\\System32\\drivers\\acpi.sys"),
                        false),
                arguments(
                        "System32\\drivers\\disk.sys",
                        List.of(),
                        "C:\\Windows\\System32\\drivers\\disk.sys",
                        List.of("System32\\drivers\\disk.sys"),
                        false),
                arguments(
                        "\\??\\C:\\ProgramData\\Vendor\\drv.sys",
                        List.of(),
                        "C:\\ProgramData\\Vendor\\drv.sys",
                        List.of("\\??\\C:\\ProgramData\\Vendor\\drv.sys"),
                        false),
                arguments(
                        "svchost.exe -k netsvcs",
                        List.of("C:\\Windows\\System32\\svchost.exe"),
                        "C:\\Windows\\System32\\svchost.exe",
                        List.of("svchost.exe", "-k", "netsvcs"),
                        false),
                arguments("C:\\Tools\\run", List.of(), "C:\\Tools\\run.exe", List.of("C:\\Tools\\run"), false),
                arguments(
                        "\"C:\\Tools\\run\" a", List.of(), "C:\\Tools\\run.exe", List.of("C:\\Tools\\run", "a"), false),
                arguments(
                        "C:\\Program Files\\App\\app.exe",
                        List.of(),
                        "C:\\Program Files\\App\\app.exe",
                        List.of("C:\\Program Files\\App\\app.exe"),
                        true),
                arguments(
                        "C:\\Users\\Zoë\\Prog Files\\über.exe -x",
                        List.of(),
                        "C:\\Users\\Zoë\\Prog Files\\über.exe",
                        List.of("C:\\Users\\Zoë\\Prog Files\\über.exe", "-x"),
                        true),
                arguments(
                        "rundll32.exe \"C:\\Program Files\\x\\y.dll\",Entry",
                        List.of("C:\\Windows\\System32\\rundll32.exe"),
                        "C:\\Windows\\System32\\rundll32.exe",
                        List.of("rundll32.exe", "C:\\Program Files\\x\\y.dll,Entry"),
                        false),
                arguments(
                        "C:\\Tools\\my.app v2\\x.exe /q",
                        List.of(),
                        "C:\\Tools\\my.app v2\\x.exe",
                        List.of("C:\\Tools\\my.app v2\\x.exe", "/q"),
                        true),
                arguments("  C:\\a.exe  ", List.of(), "C:\\a.exe", List.of("C:\\a.exe"), false));
    }

    @ParameterizedTest
    @MethodSource("commandRows")
    void resolvesTheProgramAsCreateProcessDoesAndFlagsUnquotedSpaces(
            String text, List<String> existing, String executable, List<String> args, boolean flagged) {
        WindowsCommandLine command = WindowsCommandLine.of(text, ENV, files(existing.toArray(String[]::new)));

        assertThat(command.text()).isEqualTo(text);
        assertThat(command.executable()).isEqualTo(executable);
        assertThat(command.args()).containsExactlyElementsOf(args);
        assertThat(command.unquotedWithSpaces()).isEqualTo(flagged);
    }

    @Test
    void hasNoCommandForABlankLine() {
        assertThat(WindowsCommandLine.of("  ", ENV, p -> false)).isNull();
        assertThat(WindowsCommandLine.of(null, ENV, p -> false)).isNull();
    }

    @Test
    void splitsALineAtTheWindowsLengthLimit() {
        String argument = "a".repeat(32_000);
        WindowsCommandLine command = WindowsCommandLine.of("C:\\x.exe " + argument + " b", ENV, p -> false);

        assertThat(command.args()).containsExactly("C:\\x.exe", argument, "b");
    }
}
