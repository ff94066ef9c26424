package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.FileTimes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Turns a registry value into a {@code registry_value} document, its data as text by its type. */
public final class RegistryMapping {

    /**
     * Binary data above this size is left out (its type is still written): a value that large
     * (a cached blob, a certificate store) is not a setting anyone reads, and it would make one
     * document a megabyte.
     */
    static final int MAX_BINARY = 64 * 1024;

    /** regedit's name for a key's unnamed value. */
    static final String DEFAULT_VALUE = "(Default)";

    private static final String[] TYPES = {
        "REG_NONE",
        "REG_SZ",
        "REG_EXPAND_SZ",
        "REG_BINARY",
        "REG_DWORD",
        "REG_DWORD_BIG_ENDIAN",
        "REG_LINK",
        "REG_MULTI_SZ",
        "REG_RESOURCE_LIST",
        "REG_FULL_RESOURCE_DESCRIPTOR",
        "REG_RESOURCE_REQUIREMENTS_LIST",
        "REG_QWORD"
    };

    public ObjectNode document(RegistryValue value) {
        String name = value.name() == null || value.name().isEmpty() ? DEFAULT_VALUE : value.name();
        byte[] data = value.data() == null ? new byte[0] : value.data();
        Doc doc = new Doc()
                .text("registry.hive", value.hive())
                .text("registry.key", value.key())
                .text("registry.value", name)
                .text("registry.path", value.hive() + "\\" + value.key() + "\\" + name)
                .text("registry.data.type", type(value.type()))
                .date(
                        "registry_value.last_written",
                        FileTimes.instant(value.lastWriteTime()).orElse(null))
                .text("registry_value.user", value.user());
        List<String> strings = strings(value.type(), data);
        if (strings != null) {
            doc.texts("registry.data.strings", strings);
        } else if (data.length > 0 && data.length <= MAX_BINARY) {
            doc.text("registry.data.bytes", Base64.getEncoder().encodeToString(data));
        }
        return doc.build();
    }

    static String type(int type) {
        return type >= 0 && type < TYPES.length ? TYPES[type] : "REG_UNKNOWN_" + Integer.toUnsignedString(type);
    }

    /**
     * The data as text: strings without their NULs, numbers in decimal (unsigned, as regedit
     * shows them). Null for binary types and for numbers of the wrong length, which go as bytes.
     */
    static List<String> strings(int type, byte[] data) {
        return switch (type) {
            case 1, 2 -> nonEmpty(List.of(utf16(data).split("\0", -1)[0]));
            case 7 -> multi(utf16(data));
            case 4 -> data.length == 4 ? List.of(Integer.toUnsignedString(le(data).getInt())) : null;
            case 5 ->
                data.length == 4
                        ? List.of(Integer.toUnsignedString(ByteBuffer.wrap(data)
                                .order(ByteOrder.BIG_ENDIAN)
                                .getInt()))
                        : null;
            case 11 -> data.length == 8 ? List.of(Long.toUnsignedString(le(data).getLong())) : null;
            default -> null;
        };
    }

    private static ByteBuffer le(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** UTF-16LE, an odd trailing byte (a value written with a wrong length) dropped. */
    private static String utf16(byte[] data) {
        return new String(data, 0, data.length & ~1, StandardCharsets.UTF_16LE);
    }

    /** REG_MULTI_SZ: strings each NUL-ended, the list ended by an empty one. */
    private static List<String> multi(String text) {
        List<String> strings = new ArrayList<>();
        for (String s : text.split("\0", -1)) {
            if (s.isEmpty()) {
                break;
            }
            strings.add(s);
        }
        return strings;
    }

    /** An empty string is written as no strings: the document builder keeps no blank value. */
    private static List<String> nonEmpty(List<String> strings) {
        return strings.get(0).isEmpty() ? List.of() : strings;
    }
}
