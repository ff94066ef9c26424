package io.agent7.server.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredDocumentTest {

    private static final DataType SITE_KEY = Schema.standard().serverType("site_key");

    @Test
    void aWholeDocumentCarriesItsTypeAndTimeNestedAsTheSchemaNamesThem() {
        Instant at = Instant.parse("2026-11-28T12:00:00Z");

        Map<String, Object> doc = StoredDocument.of(SITE_KEY, at)
                .put("site_key.name", "branch-7")
                .put("site_key.created_at", at)
                .map();

        assertThat(doc)
                .containsEntry("@timestamp", "2026-11-28T12:00:00.000Z")
                .containsEntry("agent7", Map.of("type", "site_key"))
                .containsEntry("site_key", Map.of("name", "branch-7", "created_at", "2026-11-28T12:00:00.000Z"));
    }

    @Test
    void aPartialUpdateHasOnlyItsFields() {
        assertThat(StoredDocument.partial(SITE_KEY)
                        .put("site_key.revoked", true)
                        .map())
                .isEqualTo(Map.of("site_key", Map.of("revoked", true)));
    }

    @Test
    void aFieldTheTypeDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> StoredDocument.partial(SITE_KEY).put("site_key.colour", "red"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'site_key.colour' is not a field of type 'site_key'");
    }
}
