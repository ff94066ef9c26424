package io.agent7.search.alerts;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The list's cursor: base64url of {@code v1:<raised, epoch ms>:<alert id>}, the sort values
 * of the page's last alert. Opaque to clients; one that does not read back is refused.
 */
final class AlertCursor {

    private static final String VERSION = "v1";

    private AlertCursor() {}

    static String write(List<FieldValue> sort) {
        String text =
                VERSION + ":" + sort.get(0).longValue() + ":" + sort.get(1).stringValue();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldValue> read(String cursor) {
        Function<String, AlertInputException> damaged = why -> new AlertInputException("cursor is damaged (" + why
                + "): give the next_cursor of the page before as it came, or none for the first page");
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw damaged.apply("not base64url");
        }
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw damaged.apply("not a cursor of this version");
        }
        try {
            return List.of(FieldValue.of(Long.parseLong(parts[1])), FieldValue.of(parts[2]));
        } catch (NumberFormatException e) {
            throw damaged.apply("no time in it");
        }
    }
}
