package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.Fields.assertConforms;
import static io.agent7.agent.collect.windows.config.ServiceMappingTest.JSON;
import static io.agent7.agent.collect.windows.config.ServiceMappingTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.schema.Documents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RegistryMappingTest {

    static final String LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
    static final long WRITTEN = FileTimes.ticks(Instant.parse("2026-11-03T08:15:30Z"));
    static final RegistryMapping MAPPING = new RegistryMapping();

    static byte[] sz(String... parts) {
        return String.join("\0", parts).getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] dword(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] qword(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** type, data as RegEnumValue returns it, expected strings (null: none), expected base64 bytes (null: none). */
    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("REG_SZ", 1, sz("C:\\Windows\\explorer.exe", ""), List.of("C:\\Windows\\explorer.exe"), null),
                arguments("REG_SZ without its NUL", 1, sz("abc"), List.of("abc"), null),
                arguments("REG_SZ empty", 1, sz(""), null, null),
                arguments("REG_SZ of no bytes", 1, new byte[0], null, null),
                arguments("REG_SZ with an odd byte", 1, new byte[] {'a', 0, 'b'}, List.of("a"), null),
                arguments(
                        "REG_EXPAND_SZ kept unexpanded",
                        2,
                        sz("%SystemRoot%\\x.dll", ""),
                        List.of("%SystemRoot%\\x.dll"),
                        null),
                arguments("REG_SZ non-ASCII", 1, sz("Données — Zoë ✓", ""), List.of("Données — Zoë ✓"), null),
                arguments(
                        "REG_MULTI_SZ",
                        7,
                        sz("kerberos", "msv1_0", "schannel", "", ""),
                        List.of("kerberos", "msv1_0", "schannel"),
                        null),
                arguments("REG_MULTI_SZ empty", 7, sz("", ""), null, null),
                arguments("REG_MULTI_SZ missing its final NUL", 7, sz("a", "b"), List.of("a", "b"), null),
                arguments("REG_DWORD", 4, dword(1), List.of("1"), null),
                arguments("REG_DWORD above 2^31 as unsigned", 4, dword(0xFFFFFFFF), List.of("4294967295"), null),
                arguments("REG_DWORD_BIG_ENDIAN", 5, new byte[] {0, 0, 1, 2}, List.of("258"), null),
                arguments("REG_QWORD", 11, qword(0x0102030405060708L), List.of("72623859790382856"), null),
                arguments("REG_QWORD above 2^63 as unsigned", 11, qword(-1L), List.of("18446744073709551615"), null),
                arguments("REG_DWORD of a wrong length goes as bytes", 4, new byte[] {1, 2}, null, "AQI="),
                arguments("REG_BINARY", 3, new byte[] {3, 0, 0, 0, (byte) 0xFF}, null, "AwAAAP8="),
                arguments("REG_BINARY empty", 3, new byte[0], null, null),
                arguments("REG_NONE with bytes", 0, new byte[] {7}, null, "Bw=="),
                arguments("REG_BINARY too large to send", 3, new byte[RegistryMapping.MAX_BINARY + 1], null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void writesTheDataAsItsTypeReads(String why, int type, byte[] data, List<String> strings, String bytes) {
        ObjectNode doc = MAPPING.document(new RegistryValue("HKLM", LSA, "Value", type, data, WRITTEN, null));

        assertThat(texts(doc, "registry.data.strings")).isEqualTo(strings == null ? List.of() : strings);
        JsonNode binary = Documents.get(doc, "registry.data.bytes");
        assertThat(binary == null ? null : binary.asString()).isEqualTo(bytes);
        assertConforms("registry_value", doc);
    }

    static List<String> texts(ObjectNode doc, String path) {
        List<String> values = new ArrayList<>();
        JsonNode node = Documents.get(doc, path);
        if (node != null) {
            node.forEach(v -> values.add(v.asString()));
        }
        return values;
    }

    @Test
    void writesAUserHivesValueWithItsPathUserAndLastWriteTime() {
        String key = "S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
        ObjectNode doc = MAPPING.document(new RegistryValue(
                "HKU", key, "OneDrive", 1, sz("\"C:\\x\\OneDrive.exe\" /background", ""), WRITTEN, "WS-0042\\zoë"));

        assertThat(parsed(doc))
                .isEqualTo(JSON.readTree("""
                {"registry": {"hive": "HKU", "key": "%s", "value": "OneDrive", "path": "HKU\\\\%s\\\\OneDrive",
                  "data": {"type": "REG_SZ", "strings": ["\\"C:\\\\x\\\\OneDrive.exe\\" /background"]}},
                 "registry_value": {"last_written": "2026-11-03T08:15:30.000Z", "user": "WS-0042\\\\zoë"}}
                """.formatted(key.replace("\\", "\\\\"), key.replace("\\", "\\\\"))));
        assertConforms("registry_value", doc);
    }

    @Test
    void namesTheDefaultValueAsRegeditDoesAndTellsUnknownTypes() {
        ObjectNode doc = MAPPING.document(new RegistryValue("HKLM", LSA, "", 0x4242, new byte[] {1}, 0, null));

        assertThat(Documents.get(doc, "registry.path").asString()).isEqualTo("HKLM\\" + LSA + "\\(Default)");
        assertThat(Documents.get(doc, "registry.data.type").asString()).isEqualTo("REG_UNKNOWN_16962");
        assertThat(Documents.get(doc, "registry_value.last_written")).isNull();
    }

    @Test
    void keepsAHugeStringWhole() {
        String huge = "x".repeat(100_003);
        ObjectNode doc = MAPPING.document(new RegistryValue("HKLM", LSA, "Huge", 1, sz(huge, ""), WRITTEN, null));

        assertThat(texts(doc, "registry.data.strings")).containsExactly(huge);
    }
}
