package io.agent7.ingest.schema;

import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.server.elasticsearch.ElasticsearchAutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * {@code install-schema --es URL[,URL...] [--user U] [--ca-cert FILE] [--shards N] [--replicas R]}:
 * installs templates, prints what changed. The password comes from
 * {@code AGENT7_ELASTICSEARCH_PASSWORD}, as the services take it, not from the command line,
 * which every user of the host can read.
 */
public final class InstallSchemaCommand {

    public static final String NAME = "install-schema";
    static final String USAGE = NAME + " --es URL[,URL...] [--user U] [--ca-cert FILE] [--shards N] [--replicas 1|0-1]"
            + " (password in AGENT7_ELASTICSEARCH_PASSWORD)";

    private InstallSchemaCommand() {}

    public static int run(String[] args) {
        return run(args, System.getenv());
    }

    static int run(String[] args, Map<String, String> environment) {
        String es = environment.getOrDefault("AGENT7_ELASTICSEARCH_URL", "http://127.0.0.1:9200");
        String user = environment.get("AGENT7_ELASTICSEARCH_USERNAME");
        String password = environment.get("AGENT7_ELASTICSEARCH_PASSWORD");
        Path caCertificate = null;
        Integer shards = null;
        String replicas = environment.get("AGENT7_SCHEMA_REPLICAS");
        IndexSettings settings;
        List<URI> nodes;
        try {
            for (int i = 1; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--es" -> es = require(args[i], value);
                    case "--user" -> user = require(args[i], value);
                    case "--ca-cert" -> caCertificate = Path.of(require(args[i], value));
                    case "--shards" -> shards = number(args[i], require(args[i], value));
                    case "--replicas" -> replicas = require(args[i], value);
                    case "--password" ->
                        throw new IllegalArgumentException(
                                "--password is not taken on the command line, where other users can read it;"
                                        + " set AGENT7_ELASTICSEARCH_PASSWORD");
                    default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
                }
                i++;
            }
            if (shards == null && environment.get("AGENT7_SCHEMA_SHARDS") != null) {
                shards = number("AGENT7_SCHEMA_SHARDS", environment.get("AGENT7_SCHEMA_SHARDS"));
            }
            settings = IndexSettings.of(shards, replicas);
            nodes = Arrays.stream(es.split(","))
                    .map(String::strip)
                    .filter(url -> !url.isEmpty())
                    .map(URI::create)
                    .toList();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + ". Usage: " + USAGE);
            return 2;
        }
        try {
            SSLContext ssl =
                    caCertificate == null ? null : ElasticsearchAutoConfiguration.trusting(caCertificate, "--ca-cert");
            SchemaInstaller.Report report = new SchemaInstaller(
                            new ElasticsearchHttp(nodes, user, password, ssl), Schema.standard(), settings)
                    .install();
            report.steps().forEach(step -> System.out.println("  " + step));
            return report.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("Schema installation failed: " + e.getMessage());
            return 1;
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
    }

    private static String require(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
