package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Elastic's integration-test distribution of Elasticsearch
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}), which
 * Maven resolves as a dependency of this module, unpacked once per machine and version into
 * a folder every user can read, and shared by every node started from it.
 */
final class ElasticsearchDistribution {

    static final String GROUP_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch";
    /** The zip Maven resolved for this build: see the root pom's dependency:properties execution. */
    static final String ZIP_PROPERTY = "agent7.es.distribution";

    static final String VERSION_PROPERTY = "agent7.es.version";

    private ElasticsearchDistribution() {}

    /** The version under test: {@code -Dagent7.es.version}, else the root pom's {@code elasticsearch.version}. */
    static String version() {
        String version = System.getProperty(VERSION_PROPERTY);
        if (set(version)) {
            return version;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                Matcher m = Pattern.compile("<elasticsearch.version>([^<]+)</elasticsearch.version>")
                        .matcher(read(pom));
                if (m.find()) {
                    return m.group(1).trim();
                }
            }
        }
        throw new IllegalStateException("No Elasticsearch version to test against: pass -D" + VERSION_PROPERTY
                + "=<version> (mvn verify passes the root pom's elasticsearch.version)");
    }

    /** The unpacked home of {@code version}, {@code <work>/dist/elasticsearch-<version>}; unpacks it on first use. */
    static Path home(String version, Path zip, Path work) {
        Path dist = work.resolve("dist");
        Path home = dist.resolve("elasticsearch-" + version);
        if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        try {
            Files.createDirectories(dist);
            Path unpack = Files.createTempDirectory(dist, ".unpack-");
            try {
                Folders.unzip(zip, unpack);
                Path unpacked = unpack.resolve("elasticsearch-" + version);
                if (!Files.isRegularFile(unpacked.resolve("bin/elasticsearch"))) {
                    throw new IllegalStateException(zip + " holds no elasticsearch-" + version + "/bin/elasticsearch");
                }
                readableByAll(unpacked);
                try {
                    Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    // Another JVM unpacked the same version meanwhile (the folder exists and is not
                    // empty): theirs is as good as ours.
                    if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
                        throw raced;
                    }
                }
            } finally {
                Folders.deleteTree(unpack);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + dist, e);
        }
    }

    /** The zip of {@code version}: the one Maven resolved for this build, else the one in the local repository. */
    static Path zip(String version) {
        String resolved = System.getProperty(ZIP_PROPERTY);
        String file = "elasticsearch-" + version + ".zip";
        if (set(resolved) && Path.of(resolved).getFileName().toString().equals(file)) {
            return Path.of(resolved);
        }
        String repository = System.getProperty("maven.repo.local");
        Path local =
                set(repository) ? Path.of(repository) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path zip = local.resolve(GROUP_PATH).resolve(version).resolve(file);
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        throw new IllegalStateException("The Elasticsearch " + version + " integration-test distribution is not"
                + " here: run the tests through Maven (mvn verify resolves it), or fetch it with"
                + " mvn dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                + version + ":zip");
    }

    /**
     * Zip entries carry no Unix modes here: folders and scripts become 755, everything else
     * 644, so that the unprivileged user can read what root unpacked.
     */
    private static void readableByAll(Path home) throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.toList()) {
                boolean executable = Files.isDirectory(p) || home.resolve("bin").equals(p.getParent());
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank() && !value.startsWith("${");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
