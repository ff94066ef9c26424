package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The version resource's strings, chosen as Explorer's Details tab and most Windows tools
 * choose them. {@code \VarFileInfo\Translation} lists (language, code page) pairs; the first
 * pair names the string table, {@code \StringFileInfo\<lang><cp>}, with both as four hex
 * digits. Files without a Translation value, or whose first pair names a table that is not
 * there (resource editors leave such files behind), are read from the tables most files carry:
 * US English in Unicode (040904b0), in Windows-1252 (040904e4), then with no code page
 * (04090000). The first table that has any of the strings is the file's.
 *
 * <p>{@code VerQueryValueW} gives a string with its length in characters, terminating NUL
 * included; some files pad with further NULs or spaces, and some keep an empty string.
 * Text ends at the first NUL, and spaces around it go.
 */
public final class VersionResources {

    private static final List<String> FALLBACK_TABLES = List.of("040904b0", "040904e4", "04090000");

    private VersionResources() {}

    /**
     * The version strings of one file.
     *
     * @param translation the raw {@code \VarFileInfo\Translation} value (little-endian WORD
     *                    language, WORD code page, repeated), or null when the file has none
     * @param strings     the raw text of a sub-block path such as
     *                    {@code \StringFileInfo\040904b0\CompanyName}, or null when there is none
     * @return null when no table has any of the strings
     */
    public static VersionResource read(byte[] translation, Function<String, String> strings) {
        for (String table : tables(translation)) {
            String prefix = "\\StringFileInfo\\" + table + "\\";
            VersionResource resource = new VersionResource(
                    text(strings.apply(prefix + "CompanyName")),
                    text(strings.apply(prefix + "FileDescription")),
                    text(strings.apply(prefix + "OriginalFilename")));
            if (resource.company() != null || resource.description() != null || resource.originalFileName() != null) {
                return resource;
            }
        }
        return null;
    }

    /** The string tables to try, in order: the first translation's, then the usual ones. */
    static List<String> tables(byte[] translation) {
        List<String> tables = new ArrayList<>(FALLBACK_TABLES.size() + 1);
        if (translation != null && translation.length >= 4) {
            int language = (translation[0] & 0xFF) | (translation[1] & 0xFF) << 8;
            int codePage = (translation[2] & 0xFF) | (translation[3] & 0xFF) << 8;
            tables.add(String.format(Locale.ROOT, "%04x%04x", language, codePage));
        }
        for (String table : FALLBACK_TABLES) {
            if (!tables.contains(table)) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** A string as the file holds it: up to the first NUL, without surrounding spaces; null when empty. */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        int nul = raw.indexOf('\0');
        String text = (nul < 0 ? raw : raw.substring(0, nul)).strip();
        return text.isEmpty() ? null : text;
    }

    static void write(Doc doc, String prefix, VersionResource resource) {
        if (resource != null) {
            doc.text(prefix + ".company", resource.company())
                    .text(prefix + ".description", resource.description())
                    .text(prefix + ".original_file_name", resource.originalFileName());
        }
    }
}
