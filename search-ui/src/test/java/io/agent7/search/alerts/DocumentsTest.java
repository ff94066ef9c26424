package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    static Map<String, Object> mixed() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("status", "open");
        inner.put("notes", List.of(Map.of("author", "bob")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("alert", inner);
        doc.put("rule.name", "dotted");
        doc.put("host", new LinkedHashMap<>(Map.of("os.name", "Windows")));
        return doc;
    }

    @Test
    void readsAFieldHoweverItsNameIsSplit() {
        Map<String, Object> doc = mixed();
        assertThat(Documents.text(doc, "alert.status")).isEqualTo("open");
        assertThat(Documents.text(doc, "rule.name")).isEqualTo("dotted");
        assertThat(Documents.text(doc, "host.os.name")).isEqualTo("Windows");
        assertThat(Documents.value(doc, "host.os")).isNull();
        assertThat(Documents.text(doc, "alert.missing")).isEmpty();
    }

    @Test
    void settingRemovesEveryOtherSpellingAndRemovingLeavesNoEmptyObject() {
        Map<String, Object> doc = mixed();
        Documents.set(doc, "host.os.name", "Linux");
        assertThat(doc.get("host")).isEqualTo(Map.of("os", Map.of("name", "Linux")));

        Documents.remove(doc, "host.os.name");
        assertThat(doc).doesNotContainKey("host");
        Documents.remove(doc, "rule.name");
        assertThat(doc).doesNotContainKey("rule.name");
    }

    @Test
    void aCopySharesNothingWithTheOriginal() {
        Map<String, Object> doc = mixed();
        Map<String, Object> copy = Documents.copy(doc);
        Documents.set(copy, "alert.status", "closed");
        assertThat(Documents.text(doc, "alert.status")).isEqualTo("open");
    }

    @Test
    void flattensObjectsAndNumbersTheElementsOfObjectLists() {
        assertThat(Documents.flatten(mixed()))
                .containsExactly(
                        Map.entry("alert.status", "open"),
                        Map.entry("alert.notes[0].author", "bob"),
                        Map.entry("rule.name", "dotted"),
                        Map.entry("host.os.name", "Windows"));
        assertThat(Documents.flatten(Map.of("tags", List.of("a", "b")))).containsEntry("tags", "a, b");
    }
}
