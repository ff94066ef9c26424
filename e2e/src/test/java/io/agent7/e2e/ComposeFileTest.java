package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docker-compose.yml} as docker-compose itself reads it, against the services it starts.
 * Nothing is started and no image is needed; what it proves:
 *
 * <ul>
 *   <li>Debian's docker-compose (1.29) accepts the file with {@code deploy/compose.env.example}: its
 *       schema, the {@code depends_on} conditions among it, and a value for every {@code ${...}}.
 *       Without docker-compose the test fails, naming the package.
 *   <li>Every environment variable given to the ingest API, the console and the detection service is
 *       a setting that service reads. Spring ignores a variable that binds to nothing, so a misspelt
 *       one would leave the service running without it. Each is mapped to a property as relaxed
 *       binding maps it ({@code agent7.elasticsearch.ca-certificate} is set by
 *       {@code AGENT7_ELASTICSEARCH_CACERTIFICATE} or {@code AGENT7_ELASTICSEARCH_CA_CERTIFICATE})
 *       and must be one docs/CONFIGURATION.md names, or Spring Boot's own ({@code server.*},
 *       {@code spring.ssl.*}, {@code management.*}). An {@code agent7.*} one must also be bound in
 *       the service's main sources or server-common's: quoted whole or as a placeholder, or a
 *       component of the {@code @ConfigurationProperties} type of its prefix.
 *   <li>The Elasticsearch and Kibana images are the root pom's {@code elasticsearch.version}, and
 *       every service that keeps running has a health check.
 * </ul>
 */
class ComposeFileTest {

    static final String COMPOSE = "docker-compose.yml";
    static final String ENV_EXAMPLE = "deploy/compose.env.example";
    static final String CONFIGURATION = "docs/CONFIGURATION.md";
    /** The compose services that run Agent7's code, and the module each is built from. */
    static final Map<String, String> MODULES =
            Map.of("ingest-api", "ingest-api", "console", "search-ui", "detections", "detections");

    static final List<String> SPRING_BOOT_PREFIXES = List.of("server.", "spring.ssl.", "management.");
    static final Pattern CONFIGURATION_PROPERTIES =
            Pattern.compile("@ConfigurationProperties\\((?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"\\)");

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvFile() throws Exception {
        assertThat(config().path("services").propertyNames())
                .contains("setup", "es1", "es2", "es3", "kibana", "kibana-objects", "schema")
                .containsAll(MODULES.keySet());
    }

    @Test
    void everySettingGivenToAnAgent7ServiceIsOneItReads() throws Exception {
        JsonNode services = config().path("services");
        Documented documented = Documented.read(root().resolve(CONFIGURATION));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> service : MODULES.entrySet()) {
            JsonNode environment = services.path(service.getKey()).path("environment");
            assertThat(environment.propertyNames())
                    .as("%s's environment", service.getKey())
                    .isNotEmpty();
            List<String> sources = sources(service.getValue());
            for (String variable : environment.propertyNames()) {
                problem(variable, documented, sources)
                        .ifPresent(problem -> problems.add(service.getKey() + ": " + problem));
            }
        }
        assertThat(problems)
                .as("settings in %s that the services would ignore", COMPOSE)
                .isEmpty();
    }

    @Test
    void elasticsearchAndKibanaAreTheVersionOfTheRootPom() throws Exception {
        Matcher version = Pattern.compile("<elasticsearch.version>([^<]+)</elasticsearch.version>")
                .matcher(Files.readString(root().resolve("pom.xml")));
        assertThat(version.find()).as("elasticsearch.version in pom.xml").isTrue();
        JsonNode services = config().path("services");
        List<String> images = services.propertyNames().stream()
                .map(name -> services.path(name).path("image").asString())
                .filter(image -> image.startsWith("docker.elastic.co/"))
                .toList();
        assertThat(images)
                .anyMatch(image -> image.startsWith("docker.elastic.co/elasticsearch/elasticsearch:"))
                .anyMatch(image -> image.startsWith("docker.elastic.co/kibana/kibana:"))
                .allSatisfy(image -> assertThat(image).endsWith(":" + version.group(1)));
    }

    @Test
    void everyServiceThatKeepsRunningHasAHealthCheck() throws Exception {
        JsonNode services = config().path("services");
        List<String> running = services.propertyNames().stream()
                .filter(name -> !"no".equals(services.path(name).path("restart").asString()))
                .toList();
        assertThat(running).containsAll(MODULES.keySet()).contains("es1", "kibana");
        assertThat(running)
                .allSatisfy(name -> assertThat(
                                services.path(name).path("healthcheck").path("test"))
                        .as("%s's health check", name)
                        .isNotEmpty());
    }

    /** What is wrong with giving a service {@code variable}, if anything. */
    static Optional<String> problem(String variable, Documented documented, List<String> sources) {
        String plain = variable.toLowerCase(Locale.ROOT).replace('_', '.');
        if (SPRING_BOOT_PREFIXES.stream().anyMatch(plain::startsWith)) {
            return Optional.empty();
        }
        Optional<String> property = documented.propertyFor(variable);
        if (property.isPresent()) {
            return property.get().startsWith("agent7.") && !bound(property.get(), sources)
                    ? Optional.of(variable + " sets " + property.get() + ", which the service's sources never read")
                    : Optional.empty();
        }
        if (documented.variables().contains(variable)) {
            return sources.stream().anyMatch(text -> text.contains("${" + variable))
                    ? Optional.empty()
                    : Optional.of(variable + " is never read as ${" + variable + "} in the service's sources");
        }
        return Optional.of(variable + " sets no setting " + CONFIGURATION + " names (as " + plain
                + ", or with dashes) and no Spring Boot property " + SPRING_BOOT_PREFIXES);
    }

    /** Whether one of {@code sources} binds {@code property} (see the class's comment). */
    static boolean bound(String property, List<String> sources) {
        for (String text : sources) {
            if (text.contains("\"" + property + "\"") || text.contains("${" + property)) {
                return true;
            }
            Matcher annotation = CONFIGURATION_PROPERTIES.matcher(text);
            while (annotation.find()) {
                String prefix = annotation.group(1) + ".";
                if (property.startsWith(prefix)) {
                    String component =
                            camelCase(property.substring(prefix.length()).split("\\.")[0]);
                    if (Pattern.compile("\\b" + component + "\\b").matcher(text).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String word : kebab.split("-")) {
            out.append(out.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }

    /** The Java files and resources of {@code module}'s main sources and of server-common's. */
    static List<String> sources(String module) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String folder : List.of(module, "server-common")) {
            try (Stream<Path> files = Files.walk(root().resolve(folder).resolve("src/main"))) {
                for (Path file : files.filter(ComposeFileTest::isSource).toList()) {
                    texts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java")
                || name.endsWith(".yml")
                || name.endsWith(".yaml")
                || name.endsWith(".properties");
    }

    /** The file as docker-compose resolves it (anchors merged, variables from the example env file). */
    static JsonNode config() throws Exception {
        Path root = root();
        List<String> command = List.of(
                "docker-compose",
                "--project-directory",
                root.toString(),
                "--file",
                root.resolve(COMPOSE).toString(),
                "--env-file",
                root.resolve(ENV_EXAMPLE).toString(),
                "config");
        Path errors = Files.createTempFile("docker-compose", ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectError(errors.toFile())
                        .start();
            } catch (IOException e) {
                throw new AssertionError(
                        "docker-compose is not installed, and this test needs it to read " + COMPOSE
                                + ": apt-get install docker-compose (Debian's package, 1.29)",
                        e);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("docker-compose config finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("%s failed:%n%s", String.join(" ", command), Files.readString(errors))
                    .isZero();
            return YAMLMapper.builder().build().readTree(out);
        } finally {
            Files.delete(errors);
        }
    }

    static Path root() {
        return AgentScriptSecretsTest.repositoryRoot();
    }

    /**
     * The settings docs/CONFIGURATION.md names in code spans: properties
     * ({@code agent7.elasticsearch.username}, and {@code .password} after it for
     * {@code agent7.elasticsearch.password}) and environment variables read as such
     * ({@code AGENT7_LOG_FORMAT}).
     */
    record Documented(Set<String> properties, Set<String> variables) {

        static final Pattern CODE = Pattern.compile("`([^`]+)`");
        static final Pattern PROPERTY = Pattern.compile("(?:--|-D)?([a-z][a-z0-9]*(?:\\.[a-z0-9<>*-]+)+)(?:=.*)?");
        static final Pattern VARIABLE = Pattern.compile("([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=.*)?");

        static Documented read(Path file) throws IOException {
            Set<String> properties = new TreeSet<>();
            Set<String> variables = new TreeSet<>();
            String last = null;
            Matcher code = CODE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (code.find()) {
                String text = code.group(1);
                Matcher property = PROPERTY.matcher(text);
                Matcher variable = VARIABLE.matcher(text);
                if (text.startsWith(".") && last != null) {
                    properties.add(last.substring(0, last.lastIndexOf('.')) + text);
                } else if (property.matches()) {
                    last = property.group(1);
                    properties.add(last);
                } else if (variable.matches()) {
                    variables.add(variable.group(1));
                }
            }
            return new Documented(properties, variables);
        }

        /**
         * The property {@code variable} sets, as Spring's SystemEnvironmentPropertyMapper matches
         * them: upper case, dots as underscores, and dashes either dropped or underscores too. A
         * documented family ({@code agent7.oidc.group-roles.<group>}, {@code ...smtp.*}) takes
         * every variable below it.
         */
        Optional<String> propertyFor(String variable) {
            for (String property : properties) {
                int wildcard = property.indexOf(".<") >= 0 ? property.indexOf(".<") : property.indexOf(".*");
                boolean matches = wildcard < 0
                        ? environmentForms(property).contains(variable)
                        : environmentForms(property.substring(0, wildcard)).stream()
                                .anyMatch(form -> variable.startsWith(form + "_"));
                if (matches) {
                    return Optional.of(property);
                }
            }
            return Optional.empty();
        }

        static List<String> environmentForms(String property) {
            String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
            return List.of(upper.replace("-", ""), upper.replace('-', '_'));
        }
    }
}
