package io.agent7.ingest.enrollment;

import java.time.Instant;

/** A site key as stored: never the key itself, only its hash (which is also its id). */
public record SiteKey(String id, String name, String group, Instant createdAt, boolean revoked) {}
