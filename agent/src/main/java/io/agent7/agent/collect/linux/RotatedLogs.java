package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A log and its logrotate generations (name.1, name.2.gz, ...), oldest first. */
final class RotatedLogs {

    private RotatedLogs() {}

    /** The files of the log, oldest generation first and the current file last. */
    static List<Path> oldestFirst(Path log) {
        String base = log.getFileName().toString();
        record Generation(int number, Path file) {}
        List<Generation> rotated = new ArrayList<>();
        for (Path file : Root.list(log.getParent())) {
            int number = generation(base, file.getFileName().toString());
            if (number > 0) {
                rotated.add(new Generation(number, file));
            }
        }
        rotated.sort(Comparator.comparingInt(Generation::number).reversed());
        List<Path> files = new ArrayList<>(rotated.size() + 1);
        for (Generation generation : rotated) {
            files.add(generation.file());
        }
        if (Root.isRegularFile(log)) {
            files.add(log);
        }
        return files;
    }

    /** N for base.N and base.N.gz; 0 for anything else. */
    static int generation(String base, String name) {
        if (!name.startsWith(base + ".")) {
            return 0;
        }
        String rest = name.substring(base.length() + 1);
        if (rest.endsWith(".gz")) {
            rest = rest.substring(0, rest.length() - 3);
        }
        if (rest.isEmpty() || rest.length() > 6) {
            return 0;
        }
        for (int i = 0; i < rest.length(); i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return 0;
            }
        }
        return Integer.parseInt(rest);
    }

    /** The text of one generation, unzipped when it ends in .gz; null when unreadable or corrupt. */
    static String read(Path file) {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Root.read(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
