package io.agent7.protocol;

/** What the ingest API did with one batch, once Elasticsearch acknowledged all of it. */
public record BatchAnswer(
        String batchId, String type, int received, int created, int updated, int unchanged, int removed)
        implements ProtocolMessage {}
