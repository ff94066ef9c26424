package io.agent7.ingest.hosts;

import io.agent7.ingest.ingest.DocumentSink;
import io.agent7.ingest.ingest.HostClocks;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.Documents;
import io.agent7.schema.JsonTrees;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code host_state.clock_skew} on each host's document: how far ahead of the server's
 * clock the agent's was in its latest batch, 0 while its batches come on time.
 *
 * <p>Every batch reports, so writes are kept for changes: the first report of a host on this
 * instance (another may have written something else since), a host going from on time to
 * ahead or back, and a skew that moved by more than the noise a batch's wait in the spool
 * and in transit adds to it ({@link #noise}). A write that fails is forgotten, so the next
 * batch writes again. The document is updated, never created: a host that never checked in
 * has none yet, and gets its skew with its first batch after it does.
 */
@Component
class HostClockSkews implements HostClocks {

    private static final Logger log = LoggerFactory.getLogger(HostClockSkews.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // configuration
    private final DocumentSink sink;
    private final HostDocuments documents;
    /** Changes of the skew smaller than this are delays, not a clock that moved. */
    private final long noise;

    // state: per host, the skew in seconds last written
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    HostClockSkews(DocumentSink sink, HostDocuments documents, IngestProperties properties) {
        this.sink = sink;
        this.documents = documents;
        this.noise = Math.max(60, properties.maxClockSkew().toSeconds());
    }

    @Override
    public void observed(AgentPrincipal agent, Duration ahead) {
        long seconds = ahead.toSeconds();
        Long before = written.get(agent.hostId());
        boolean changed = before == null || (before == 0) != (seconds == 0) || Math.abs(before - seconds) > noise;
        if (!changed) {
            return;
        }
        written.put(agent.hostId(), seconds);
        if (seconds > 0) {
            log.warn(
                    "The clock of host {} ({}) is {} s ahead of the server's; its batches are taken as collected now",
                    agent.hostId(),
                    agent.hostName(),
                    seconds);
        }
        ObjectNode partial = NODES.objectNode();
        Documents.set(partial, "host_state.clock_skew", NODES.numberNode(seconds));
        ObjectNode action = NODES.objectNode();
        action.set("doc", partial);
        action.put("detect_noop", true);
        String hostId = agent.hostId();
        sink.write(List.of(new DocumentSink.Write(
                        documents.index(), documents.id(hostId), hostId, JsonTrees.bytes(action))))
                .whenComplete((results, error) -> {
                    if (error != null
                            || results.get(0).outcome() == DocumentSink.Outcome.MISSING
                            || results.get(0).error() != null) {
                        written.remove(hostId, seconds);
                    }
                });
    }
}
