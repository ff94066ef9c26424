package io.agent7.ingest.hosts;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Where a host's {@code host} document is: the schema's host index, and its content-hash id. */
@Component
public class HostDocuments {

    private final DataType type;

    public HostDocuments(Schema schema) {
        this.type = schema.require("host");
    }

    public DataType type() {
        return type;
    }

    public String index() {
        return type.index();
    }

    /** The id of a host's document: the content hash of its identity, the host id. */
    public String id(String hostId) {
        ObjectNode doc = Documents.object();
        Documents.set(doc, CommonFields.HOST_ID, JsonNodeFactory.instance.stringNode(hostId));
        return DocumentIds.of(hostId, type, doc);
    }
}
