package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

class AlertViewTest {

    static Map<String, String> parameters(String url) {
        var query = UriComponentsBuilder.fromUriString(url).build().getQueryParams();
        return Map.of(
                "path", UriComponentsBuilder.fromUriString(url).build().getPath(),
                "type", decode(query.getFirst("type")),
                "q", decode(query.getFirst("q")),
                "state", String.valueOf(query.getFirst("state")));
    }

    static String decode(String text) {
        return text == null ? "" : java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theMatchedItemOpensAsASearchForItsHostAndIdentityFields() {
        AlertView view = AlertView.of(Alerts.alert("open"), Schema.standard());

        Map<String, String> link = parameters(view.sourceUrl());
        assertThat(link)
                .containsEntry("path", "/")
                .containsEntry("type", "scheduled_task")
                .containsEntry("q", "host.id,eq,\"h-1\";scheduled_task.path,eq,\"\\\\t1\"")
                .containsEntry("state", "all");
        assertThat(FilterDsl.parse(link.get("q"))).isNotNull();
        assertThat(view.source())
                .containsEntry("scheduled_task.path", "\\t1")
                .containsEntry("scheduled_task.name", "t1");
    }

    @Test
    void anItemOfATypeTheSchemaDoesNotKnowHasNoSearch() {
        Map<String, Object> doc = Alerts.document("a-1", "open");
        Documents.set(doc, "alert.source_type", "no_such_type");
        assertThat(AlertView.sourceUrl(new Alert("a-1", doc), Schema.standard()))
                .isNull();
    }

    @Test
    void theRulesQueryRunsAgainstTheMatchedTypeWithItsPlusSignsKept() {
        Map<String, Object> doc = Alerts.document("a-1", "open");
        Documents.set(doc, "alert.query", "process.name:a+b AND user.name:x&y");
        AlertView view = AlertView.of(new Alert("a-1", doc), Schema.standard());

        assertThat(view.queryUrl()).contains("%2B").contains("%26");
        assertThat(parameters(view.queryUrl()))
                .containsEntry("q", "process.name:a+b AND user.name:x&y")
                .containsEntry("type", "scheduled_task");
    }

    @Test
    void attackTacticsAndTechniquesAreListedIdBesideName() {
        Map<String, Object> doc = Alerts.document("a-1", "open");
        Documents.set(doc, "threat.tactic.id", List.of("TA0003", "TA0004"));
        Documents.set(doc, "threat.tactic.name", List.of("Persistence", "Privilege Escalation"));
        Documents.set(doc, "threat.technique.id", "T1053.005");
        Documents.set(doc, "alert.group_fields", List.of("host.name", "user.name"));
        Documents.set(doc, "alert.group_values", List.of("win-01", "alice"));
        AlertView view = AlertView.of(new Alert("a-1", doc), Schema.standard());

        assertThat(view.rule())
                .containsEntry("tactics", "TA0003 Persistence, TA0004 Privilege Escalation")
                .containsEntry("techniques", "T1053.005")
                .containsEntry("name", "Task outside system folders")
                .doesNotContainKey("description");
        assertThat(view.match()).containsEntry("grouped by", "host.name=win-01, user.name=alice");
    }

    @Test
    void aCursorReadsBackAsWrittenAndADamagedOneIsRefused() {
        String cursor = AlertCursor.write(List.of(FieldValue.of(1764577200000L), FieldValue.of("a:b")));
        assertThat(AlertCursor.read(cursor)).extracting(FieldValue::_get).containsExactly(1764577200000L, "a:b");
        assertThatThrownBy(() -> AlertCursor.read("!!"))
                .isInstanceOf(AlertInputException.class)
                .hasMessageContaining("cursor is damaged");
        assertThatThrownBy(() -> AlertCursor.read(cursor.substring(1))).hasMessageContaining("cursor is damaged");
    }
}
