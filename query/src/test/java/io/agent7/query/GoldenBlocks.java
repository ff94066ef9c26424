package io.agent7.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The golden fixtures' common form: blocks separated by blank lines, each line starting with
 * one of the fixture's keys, each key at most once in a block. Each test checks its blocks
 * are whole; a block stands alone, so a line it lacks is never the previous block's.
 */
public final class GoldenBlocks {

    /** One block: where it starts (1-based) and its lines' values by key. */
    public record Block(String fixture, int line, Map<String, String> values) {

        /** For messages: "fixture.txt: the block at line N". */
        public String where() {
            return fixture + ": the block at line " + line;
        }
    }

    private GoldenBlocks() {}

    /** The blocks of a fixture on the test's classpath, next to {@code anchor}. */
    public static List<Block> read(Class<?> anchor, String fixture, List<String> keys) {
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(anchor.getResourceAsStream(fixture), fixture), StandardCharsets.UTF_8))) {
            return parse(fixture, in.lines().toList(), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Block> parse(String fixture, List<String> lines, List<String> keys) {
        List<Block> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        int blockStart = 1;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(new Block(fixture, blockStart, block));
                    block = new LinkedHashMap<>();
                }
                blockStart = i + 2;
                continue;
            }
            int number = i + 1;
            String key = keys.stream()
                    .filter(line::startsWith)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            fixture + " line " + number + ": '" + line + "' is none of " + keys));
            if (block.put(key, line.substring(key.length())) != null) {
                throw new IllegalArgumentException(
                        fixture + ": the block at line " + blockStart + " has two '" + key.trim() + "' lines");
            }
        }
        return blocks;
    }
}
