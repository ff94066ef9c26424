package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK an Elasticsearch version runs on, since the integration-test distribution bundles
 * none: 8.x runs on 17 (and is kept off the newest JDKs, which it was not released for), 9.x
 * needs 21 or newer. Looks at {@code JAVA_HOME}, this JVM and {@code /usr/lib/jvm}.
 */
public final class Jdks {

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private Jdks() {}

    static Path forElasticsearch(String version) {
        boolean eight = version.startsWith("8.") || version.startsWith("7.");
        Optional<Path> jdk = eight ? find(17, 24).or(() -> find(17, 999)) : find(21, 999);
        return jdk.orElseThrow(() -> new IllegalStateException("Elasticsearch " + version + " needs a JDK "
                + (eight ? "17" : "21") + " or newer, and there is none in JAVA_HOME, this JVM or /usr/lib/jvm"
                + (eight ? "" : " (install one, e.g. Debian's openjdk-21-jdk or a Temurin 25)")));
    }

    /** A JDK of feature version {@code min} or newer, as other servers the tests start need (Keycloak: 21). */
    public static Path atLeast(int min, String forWhat) {
        return find(min, 999)
                .orElseThrow(() -> new IllegalStateException(forWhat + " needs a JDK " + min
                        + " or newer, and there is none in JAVA_HOME, this JVM or /usr/lib/jvm (install one, e.g."
                        + " Debian's openjdk-21-jdk or a Temurin 25)"));
    }

    private static Optional<Path> find(int min, int max) {
        for (Path home : candidates()) {
            int major = major(home);
            if (major >= min && major <= max && Files.isExecutable(home.resolve("bin/java"))) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        homes.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted().forEach(homes::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + jvms, e);
            }
        }
        return homes;
    }

    /** The feature version from the JDK's {@code release} file; 0 when it has none. */
    static int major(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + release, e);
        }
    }
}
