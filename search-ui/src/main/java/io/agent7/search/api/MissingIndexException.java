package io.agent7.search.api;

/**
 * A data type's index is not in Elasticsearch: the schema was never installed there, or the
 * index was deleted. A search cannot answer "nothing found" for it, which would read as a
 * fleet without any such item.
 */
public final class MissingIndexException extends RuntimeException {

    private final String index;

    public MissingIndexException(String index) {
        super("Index '" + index + "' does not exist: the Agent7 schema is not installed in this Elasticsearch."
                + " The services install it when they start (unless agent7.schema.install-on-start=false);"
                + " or run: java -jar ingest-api.jar install-schema --es URL");
        this.index = index;
    }

    public String index() {
        return index;
    }
}
