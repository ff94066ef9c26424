package io.agent7.schema.templates;

import java.util.regex.Pattern;

/**
 * Index settings the templates carry.
 *
 * @param shards             primary shards per type index; one is right until an index
 *                           outgrows tens of gigabytes
 * @param autoExpandReplicas {@code 0-1}: no replica on a single node (which stays green),
 *                           one as soon as a second node joins
 * @param refreshInterval    how soon writes become searchable
 */
public record IndexSettings(int shards, String autoExpandReplicas, String refreshInterval) {

    private static final Pattern REPLICAS = Pattern.compile("\\d+-(\\d+|all)|false");
    private static final Pattern INTERVAL = Pattern.compile("-1|\\d+(ms|s|m)");

    public static final IndexSettings DEFAULTS = new IndexSettings(1, "0-1", "5s");

    public IndexSettings {
        if (shards < 1) {
            throw new IllegalArgumentException("Shards must be at least 1, got " + shards);
        }
        if (!REPLICAS.matcher(autoExpandReplicas).matches()) {
            throw new IllegalArgumentException(
                    "auto_expand_replicas must look like 0-1, 0-all or false, got '" + autoExpandReplicas + "'");
        }
        if (!INTERVAL.matcher(refreshInterval).matches()) {
            throw new IllegalArgumentException(
                    "refresh_interval must look like 1s, 500ms or -1, got '" + refreshInterval + "'");
        }
    }
}
