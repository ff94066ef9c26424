package io.agent7.schema.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm package {@code @elastic/ecs} of one ECS release, fetched with {@code npm pack} (the
 * npm registry serves it; Maven Central does not) and unpacked once per machine under
 * {@code /var/tmp}, where every later run and every checkout finds it.
 */
final class EcsPackage {

    private EcsPackage() {}

    /** {@code package/generated/ecs_flat.ts} of release {@code version}; downloads it on first use. */
    static Path flat(String version) {
        Path home = Path.of("/var/tmp", "agent7-ecs-" + System.getProperty("user.name"), version);
        Path flat = home.resolve("package/generated/ecs_flat.ts");
        if (Files.isRegularFile(flat)) {
            return flat;
        }
        try {
            Files.createDirectories(home.getParent());
            Path download = Files.createTempDirectory(home.getParent(), ".download-");
            try {
                run(download, "npm", "pack", "--loglevel=error", "@elastic/ecs@" + version);
                run(download, "tar", "xzf", "elastic-ecs-" + version + ".tgz");
                if (!Files.isRegularFile(download.resolve("package/generated/ecs_flat.ts"))) {
                    throw new IllegalStateException(
                            "@elastic/ecs@" + version + " has no package/generated/ecs_flat.ts");
                }
                try {
                    Files.move(download, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    // Another test JVM put the same release there meanwhile: it is as good as ours.
                    if (!Files.isRegularFile(flat)) {
                        throw raced;
                    }
                }
            } finally {
                delete(download);
            }
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot download @elastic/ecs@" + version + " into " + home, e);
        }
    }

    private static void run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("The ECS conformance test needs the ECS field definitions; "
                        + String.join(" ", List.of(command)) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The ECS conformance test downloads the ECS field definitions with " + command[0]
                            + ", which cannot run here (" + e.getMessage() + "): install it (Debian: npm)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading the ECS field definitions", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
