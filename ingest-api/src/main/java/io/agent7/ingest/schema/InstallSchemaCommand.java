package io.agent7.ingest.schema;

import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import java.net.URI;

/** {@code install-schema --es URL [--user U --password P]}: installs templates, prints what changed. */
public final class InstallSchemaCommand {

    public static final String NAME = "install-schema";

    private InstallSchemaCommand() {}

    public static int run(String[] args) {
        URI es = URI.create("http://127.0.0.1:9200");
        String user = null;
        String password = null;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--es" -> {
                    es = URI.create(require(args[i], value));
                    i++;
                }
                case "--user" -> {
                    user = require(args[i], value);
                    i++;
                }
                case "--password" -> {
                    password = require(args[i], value);
                    i++;
                }
                default -> {
                    System.err.println(
                            "Unknown option '" + args[i] + "'. Usage: " + NAME + " --es URL [--user U --password P]");
                    return 2;
                }
            }
        }
        try {
            SchemaInstaller.Report report = new SchemaInstaller(
                            new ElasticsearchHttp(es, user, password), Schema.standard(), IndexSettings.DEFAULTS)
                    .install();
            report.steps().forEach(step -> System.out.println("  " + step));
            return report.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("Schema installation failed: " + e.getMessage());
            return 1;
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
