package io.agent7.schema.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Index settings the templates carry.
 *
 * @param shards          primary shards per type index; one is right until an index
 *                        outgrows tens of gigabytes
 * @param replicas        copies of each shard beside the primary: a number ({@code 1}: every
 *                        document on two nodes, so one node may die), or a range that follows
 *                        the cluster's size ({@code 0-1}, the default: none on a single node,
 *                        which stays green, one as soon as a second node joins)
 * @param refreshInterval how soon writes become searchable
 */
public record IndexSettings(int shards, String replicas, String refreshInterval) {

    private static final Pattern REPLICAS = Pattern.compile("\\d+|\\d+-(\\d+|all)");
    private static final Pattern INTERVAL = Pattern.compile("-1|\\d+(ms|s|m)");

    public static final IndexSettings DEFAULTS = new IndexSettings(1, "0-1", "5s");

    public IndexSettings {
        if (shards < 1) {
            throw new IllegalArgumentException("Shards must be at least 1, got " + shards);
        }
        if (replicas == null || !REPLICAS.matcher(replicas).matches()) {
            throw new IllegalArgumentException(
                    "Replicas are a number (1) or a range that follows the cluster's size (0-1, 0-all), got '"
                            + replicas + "'");
        }
        if (!INTERVAL.matcher(refreshInterval).matches()) {
            throw new IllegalArgumentException(
                    "refresh_interval must look like 1s, 500ms or -1, got '" + refreshInterval + "'");
        }
    }

    /** The defaults with {@code shards} and {@code replicas}; a null keeps the default's. */
    public static IndexSettings of(Integer shards, String replicas) {
        return new IndexSettings(
                shards == null ? DEFAULTS.shards() : shards,
                replicas == null || replicas.isBlank() ? DEFAULTS.replicas() : replicas.strip(),
                DEFAULTS.refreshInterval());
    }

    /** Whether the replicas follow the cluster's size ({@code index.auto_expand_replicas}). */
    public boolean autoExpands() {
        return replicas.contains("-");
    }

    /**
     * The replica settings as Elasticsearch names them flat: a range is
     * {@code index.auto_expand_replicas}; a number is {@code index.number_of_replicas}, with
     * auto-expansion off (else a range set before would go on overriding it).
     */
    public Map<String, String> replicaSettings() {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("index.auto_expand_replicas", autoExpands() ? replicas : "false");
        if (!autoExpands()) {
            flat.put("index.number_of_replicas", replicas);
        }
        return flat;
    }

    /** What was chosen, in words, for the installer's report. */
    public String describe() {
        return shards + (shards == 1 ? " primary shard" : " primary shards") + " per type index, "
                + (autoExpands()
                        ? "replicas " + replicas + " (as many as the cluster's data nodes allow, within the range)"
                        : replicas + (replicas.equals("1") ? " replica" : " replicas"))
                + ", refreshed every " + refreshInterval;
    }
}
