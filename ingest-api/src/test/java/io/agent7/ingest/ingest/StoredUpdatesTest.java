package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.DocumentNormalizer;
import io.agent7.schema.Documents;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import io.agent7.schema.StoredDocument;
import io.agent7.schema.StoredLayout;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-pass path (a line read into slots, its update written from them) makes the same
 * update as the tree path (normalise into a tree, complete it, serialise it), for every type
 * of the standard schema: the same JSON but for the order of its fields, the same id, the
 * same index. Documents are made from each type's declared fields, whole, sparse, in dotted
 * and nested form.
 */
class StoredUpdatesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HOST = "0123456789abcdef0123456789abcdef";
    private static final StateUpdates.Source SOURCE = new StateUpdates.Source(HOST, "ws-01", "agent-1");
    private static final String COLLECTED = "2026-11-28T12:00:00.000Z";
    private static final String INGESTED = "2026-11-28T12:00:01.000Z";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:01Z");

    static Stream<DataType> types() {
        return Schema.standard().types().stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyFieldSetMakesTheSameUpdateAsTheTreePath(DataType type) {
        ObjectNode raw = valid(type, whole(type));
        assertSameUpdate(type, raw);
        assertThat(StoredLayout.of(type).slotted()).isTrue();
        assertThat(readStored(type, raw).slotted())
                .as("a valid document of a standard type is read into slots")
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("types")
    void sparseDocumentsInDottedOrNestedFormMakeTheSameUpdate(DataType type) {
        ObjectNode whole = valid(type, whole(type));
        Random random = new Random(type.name().hashCode());
        for (int round = 0; round < 20; round++) {
            ObjectNode raw = NODES.objectNode();
            List<String> names = new ArrayList<>();
            whole.properties().forEach(e -> names.add(e.getKey()));
            for (String name : names) {
                boolean identity = type.identity().contains(name) || name.equals(type.domainKey());
                if (!identity && random.nextInt(3) == 0) {
                    continue; // absent
                }
                JsonNode value = !identity && random.nextInt(8) == 0 ? NODES.nullNode() : whole.get(name);
                if (random.nextBoolean()) {
                    raw.set(name, value); // dotted at the top
                } else {
                    Documents.set(raw, name, value); // nested
                }
            }
            assertSameUpdate(type, raw);
        }
    }

    @Test
    void theEnricherSetsTheEntityIdInSlotsAsInTheTree() {
        DataType process = Schema.standard().require("process");
        ObjectNode raw = valid(process, whole(process));
        AgentPrincipal agent = new AgentPrincipal("agent-1", HOST, "ws-01");
        ProcessEntityIdEnricher enricher = new ProcessEntityIdEnricher();

        ObjectNode tree = Schema.standard().normalizer(process).normalize(raw, HOST);
        String id = DocumentIds.of(HOST, process, tree);
        enricher.enrich(agent, process, id, tree);
        StoredDocument stored = readStored(process, raw);
        enricher.enrich(agent, process, id, stored);

        assertThat(stored.slotted()).isTrue();
        assertThat(stored.get("process.entity_id").asString()).isEqualTo(id);
        assertThat(update(process, stored)).isEqualTo(update(process, tree));
    }

    @Test
    void anEnricherThatOnlyKnowsTreesStillAppliesToASlottedDocument() {
        DataType process = Schema.standard().require("process");
        StoredDocument stored = readStored(process, valid(process, whole(process)));
        DocumentEnricher treesOnly = new DocumentEnricher() {
            @Override
            public boolean appliesTo(DataType type) {
                return true;
            }

            @Override
            public void enrich(AgentPrincipal agent, DataType type, String id, ObjectNode document) {
                ((ObjectNode) document.get("process")).put("title", "enriched");
                document.putObject("geo").put("city", "nowhere"); // not a field of the type
            }
        };

        treesOnly.enrich(new AgentPrincipal("agent-1", HOST, "ws-01"), process, "id", stored);

        assertThat(stored.get("process.title").asString()).isEqualTo("enriched");
        assertThat(stored.slotted())
                .as("a field without a slot keeps the document a tree")
                .isFalse();
        assertThat(stored.get("geo.city").asString()).isEqualTo("nowhere");
    }

    @Test
    void aFieldWithoutASlotIsLeftToTheTreePath() {
        DataType process = Schema.standard().require("process");
        ObjectNode raw = valid(process, whole(process));
        raw.put("no.such.field", 1);

        assertThatThrownBy(() -> readStored(process, raw))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("no.such.field");
    }

    @Test
    void anotherHostsIdIsRefusedInSlotsAsInTheStream() {
        DataType process = Schema.standard().require("process");
        ObjectNode raw = valid(process, whole(process));
        raw.put("host.id", "another");

        assertThatThrownBy(() -> readStored(process, raw))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("names another host");
    }

    @Test
    void theReaderSlotsWhatItCanAndReadsTheRestAsTreesAsBefore() throws Exception {
        DataType user = Schema.standard().require("ad_user");
        String header = "{\"batch\":{\"id\":\"b1\",\"mode\":\"snapshot\",\"collected_at\":\"2026-11-28T12:00:00Z\"}}\n";
        String body = header
                + "{\"upsert\":{\"user\":{\"id\":\"S-1-5-21-1-2-3-1001\",\"name\":\"alice\"},"
                + "\"ad_user\":{\"domain_dns\":\"corp.example\"}}}\n"
                // dotted names, mixed with an object
                + "{\"upsert\":{\"user.id\":\"S-1-5-21-1-2-3-1002\",\"user\":{\"name\":\"bob\"},"
                + "\"ad_user.domain_dns\":\"corp.example\"}}\n"
                // a repeated name: the tree keeps the last object whole, where slots would merge
                + "{\"upsert\":{\"user\":{\"id\":\"S-1-5-21-1-2-3-1003\",\"name\":\"carol\"},"
                + "\"user\":{\"id\":\"S-1-5-21-1-2-3-1003\"},\"ad_user.domain_dns\":\"corp.example\"}}\n";
        BatchReader reader = new BatchReader(IngestProperties.defaults());

        StoredBatch stored =
                reader.readStored(stream(body), user, Schema.standard().normalizer(user), HOST);
        Batch trees = reader.read(stream(body), user, Schema.standard().normalizer(user), HOST);

        assertThat(stored.documents()).extracting(StoredDocument::slotted).containsExactly(true, true, true);
        assertThat(stored.documents()).extracting(StoredDocument::toTree).isEqualTo(trees.documents());
        assertThat(stored.documents().get(2).get("user.name"))
                .as("the repeated object is taken whole, as the tree takes it")
                .isNull();
        for (int i = 0; i < 3; i++) {
            assertThat(update(user, stored.documents().get(i)))
                    .isEqualTo(update(user, trees.documents().get(i)));
        }
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameUpdate(DataType type, ObjectNode raw) {
        DocumentNormalizer normalizer = Schema.standard().normalizer(type);
        ObjectNode tree = normalizer.normalize(raw, HOST);
        StoredDocument stored = readStored(type, raw);
        assertThat(stored.slotted()).isTrue();
        assertThat(update(type, stored)).as(type.name() + " " + raw).isEqualTo(update(type, tree));
        assertThat(DocumentIds.of(HOST, type, stored)).isEqualTo(DocumentIds.of(HOST, type, tree));
        assertThat(type.writeIndex(stored, NOW)).isEqualTo(type.writeIndex(tree, NOW));
        assertThat(stored.toTree()).isEqualTo(tree);
        StoredDocument fromTree = StoredDocument.of(type, tree.deepCopy());
        assertThat(fromTree.slotted()).isTrue();
        assertThat(update(type, fromTree)).isEqualTo(update(type, tree));
    }

    private static JsonNode update(DataType type, ObjectNode tree) {
        try (StateUpdates.Upserts upserts = StateUpdates.upserts(type, SOURCE, COLLECTED, INGESTED)) {
            return JsonTrees.read(upserts.action(tree));
        }
    }

    private static JsonNode update(DataType type, StoredDocument document) {
        try (StateUpdates.Upserts upserts = StateUpdates.upserts(type, SOURCE, COLLECTED, INGESTED)) {
            return JsonTrees.read(upserts.action(document));
        }
    }

    private static StoredDocument readStored(DataType type, ObjectNode raw) {
        byte[] json = JsonTrees.bytes(raw);
        try (JsonParser parser = JsonTrees.strictParser(json)) {
            parser.nextToken();
            StoredDocument document = Schema.standard().normalizer(type).readStored(parser, HOST, true);
            assertThat(parser.nextToken()).isNull();
            return document;
        }
    }

    /** A value of each field an agent may send, by its full dotted name. */
    private static ObjectNode whole(DataType type) {
        ObjectNode raw = NODES.objectNode();
        for (Field field : type.fields().values()) {
            if (field.isAlias() || type.insideNested(field) || field.name().startsWith("agent7.")) {
                continue;
            }
            JsonNode value = field.type() == FieldType.NESTED ? nestedValue(type, field) : value(field, field.name());
            raw.set(field.name(), value);
        }
        return raw;
    }

    private static JsonNode nestedValue(DataType type, Field nested) {
        ObjectNode element = NODES.objectNode();
        for (Field child : type.childrenOf(nested.name())) {
            element.set(child.name().substring(nested.name().length() + 1), value(child, child.name()));
        }
        return NODES.arrayNode().add(element).add(element.deepCopy());
    }

    private static JsonNode value(Field field, String name) {
        return switch (field.type()) {
            case DATE -> NODES.stringNode("2026-11-27T08:30:00.000Z");
            case LONG, INTEGER, SHORT, BYTE -> NODES.numberNode(7);
            case DOUBLE, FLOAT -> NODES.numberNode(1.5);
            case BOOLEAN -> NODES.booleanNode(true);
            case IP -> NODES.stringNode("10.0.0.7");
            case GEO_POINT -> NODES.objectNode().put("lat", 48.1).put("lon", 11.5);
            case FLATTENED, OBJECT -> NODES.objectNode().put("k", "v");
            default -> name.endsWith(".sid") ? NODES.stringNode("S-1-5-21-1-2-3-1001") : NODES.stringNode("v-" + name);
        };
    }

    /** {@code raw} without the fields the normaliser refuses the made-up values of. */
    private static ObjectNode valid(DataType type, ObjectNode raw) {
        DocumentNormalizer normalizer = Schema.standard().normalizer(type);
        for (int tries = 0; tries < 200; tries++) {
            try {
                normalizer.normalize(raw, HOST);
                return raw;
            } catch (InvalidDocumentException e) {
                String field = e.field();
                while (field != null && !raw.has(field) && field.contains(".")) {
                    field = field.substring(0, field.lastIndexOf('.'));
                }
                if (field == null || !raw.has(field)) {
                    throw e;
                }
                raw.remove(field);
            }
        }
        throw new AssertionError("no valid document of " + type.name());
    }
}
