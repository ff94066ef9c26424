package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.windows.config.ComServer.Kind.INPROC_SERVER32;
import static io.agent7.agent.collect.windows.config.ComServer.Kind.LOCAL_SERVER32;
import static io.agent7.agent.collect.windows.config.ComServer.Registration.MACHINE;
import static io.agent7.agent.collect.windows.config.ComServer.Registration.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComServerTest {

    static final String CLSID = "{0358B920-0AC7-461F-98F4-58E32CD89148}";
    static final String KEY = "CLSID\\" + CLSID;

    /**
     * Classes keys as the registry holds them, compared as the registry compares names (without
     * case): "USER|CLSID\{x}\InprocServer32" to its default value, "" for a key with none.
     */
    static final class FakeClasses implements ComServer.Classes {
        final Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> asked = new ArrayList<>();

        FakeClasses with(ComServer.Registration registration, String key, String defaultValue) {
            keys.put(registration + "|" + key, defaultValue);
            return this;
        }

        @Override
        public boolean exists(ComServer.Registration registration, String key) {
            String name = registration + "|" + key;
            asked.add(name);
            return keys.keySet().stream()
                    .anyMatch(k ->
                            k.equalsIgnoreCase(name) || k.regionMatches(true, 0, name + "\\", 0, name.length() + 1));
        }

        @Override
        public String defaultValue(ComServer.Registration registration, String key) {
            String name = registration + "|" + key;
            asked.add(name);
            String value = keys.get(name);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    static Stream<Arguments> registries() {
        String dll = "%SystemRoot%\\system32\\wininet.dll";
        String planted = "C:\\Users\\jdoe\\AppData\\Roaming\\cache.dll";
        return Stream.of(
                arguments(
                        "the machine's registration when the account has none",
                        new FakeClasses().with(MACHINE, KEY + "\\InprocServer32", dll),
                        new ComServer(INPROC_SERVER32, dll, MACHINE)),
                arguments(
                        "the account's own registration shadows the machine's",
                        new FakeClasses()
                                .with(MACHINE, KEY + "\\InprocServer32", dll)
                                .with(USER, KEY + "\\InprocServer32", planted),
                        new ComServer(INPROC_SERVER32, planted, USER)),
                arguments(
                        "a per-user class key with only LocalServer32 hides the machine's InprocServer32",
                        new FakeClasses()
                                .with(MACHINE, KEY + "\\InprocServer32", dll)
                                .with(USER, KEY + "\\LocalServer32", "C:\\Users\\jdoe\\x.exe"),
                        new ComServer(LOCAL_SERVER32, "C:\\Users\\jdoe\\x.exe", USER)),
                arguments(
                        "a per-user class key with no server hides the machine's and names none",
                        new FakeClasses()
                                .with(MACHINE, KEY + "\\InprocServer32", dll)
                                .with(USER, KEY, ""),
                        new ComServer(null, null, USER)),
                arguments(
                        "LocalServer32 when there is no InprocServer32",
                        new FakeClasses()
                                .with(MACHINE, KEY + "\\LocalServer32", "\"C:\\Program Files\\V\\v.exe\" -Embedding"),
                        new ComServer(LOCAL_SERVER32, "\"C:\\Program Files\\V\\v.exe\" -Embedding", MACHINE)),
                arguments(
                        "an InprocServer32 key without a default value is passed over for LocalServer32",
                        new FakeClasses()
                                .with(MACHINE, KEY + "\\InprocServer32", "")
                                .with(MACHINE, KEY + "\\LocalServer32", "v.exe"),
                        new ComServer(LOCAL_SERVER32, "v.exe", MACHINE)),
                arguments(
                        "registered under a lowercase name: the registry compares without case",
                        new FakeClasses()
                                .with(MACHINE, KEY.toLowerCase(java.util.Locale.ROOT) + "\\inprocserver32", dll),
                        new ComServer(INPROC_SERVER32, dll, MACHINE)),
                arguments("no registration anywhere", new FakeClasses().with(MACHINE, "CLSID\\{other}", ""), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registries")
    void findsTheServerCOMWouldStart(String why, FakeClasses classes, ComServer expected) {
        assertThat(ComServer.resolve(CLSID, classes).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{0358b920-0ac7-461f-98f4-58e32cd89148}",
                "0358B920-0AC7-461F-98F4-58E32CD89148",
                " {0358B920-0AC7-461F-98F4-58E32CD89148} "
            })
    void looksUpAClassIdWrittenInAnyCaseWithOrWithoutBraces(String classId) {
        FakeClasses classes = new FakeClasses().with(MACHINE, KEY + "\\InprocServer32", "x.dll");

        assertThat(ComServer.resolve(classId, classes)).contains(new ComServer(INPROC_SERVER32, "x.dll", MACHINE));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{0358B920-0AC7-461F-98F4-58E32CD89148}\\..\\{11111111-2222-3333-4444-555555555555}",
                "{0358B920-0AC7-461F-98F4-58E32CD89148",
                "Shell.Application"
            })
    void looksUpNothingButAGuid(String classId) {
        FakeClasses classes = new FakeClasses().with(MACHINE, KEY + "\\InprocServer32", "x.dll");

        assertThat(ComServer.resolve(classId, classes)).isEmpty();
        assertThat(classes.asked).isEmpty();
    }
}
