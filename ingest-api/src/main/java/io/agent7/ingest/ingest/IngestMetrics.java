package io.agent7.ingest.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The ingest path's meters, under {@code agent7.ingest.*}; the bulk side's are in the Elasticsearch adapter. */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A batch and how it ended: accepted, rejected or unavailable. */
    void batch(String type, String outcome) {
        Counter.builder("agent7.ingest.batches")
                .description("Batches received, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A batch sent again while its first copy's writes were still queued: it waits for those. */
    void joined(String type) {
        Counter.builder("agent7.ingest.batches_joined")
                .description("Batches sent again while their first copy was still being written, by type")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    /** Documents of an accepted batch by what they did: created, updated, unchanged, removed. */
    void documents(String type, String result, int count) {
        if (count > 0) {
            Counter.builder("agent7.ingest.documents")
                    .description("Documents written, by type and result")
                    .tag("type", type)
                    .tag("result", result)
                    .register(registry)
                    .increment(count);
        }
    }

    /** The bytes of bodies received and waiting for a reader, as a gauge. */
    void unread(UnreadBodies bodies) {
        Gauge.builder("agent7.ingest.unread_bytes", bodies, UnreadBodies::bytes)
                .baseUnit("bytes")
                .description("Batch bodies received and waiting for a reader")
                .register(registry);
    }

    void bytes(String type, long bytes) {
        DistributionSummary.builder("agent7.ingest.bytes")
                .baseUnit("bytes")
                .description("Batch size after decompression")
                .tag("type", type)
                .register(registry)
                .record(bytes);
    }

    /** Why a batch was refused: invalid, other_host, too_large, too_old, unsupported_media, unknown_type, backpressure. */
    public void rejected(String reason) {
        Counter.builder("agent7.ingest.rejections")
                .description("Batches refused, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
