package io.agent7.ingest.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link IngestProperties} as the service binds them, from settings named as in docs/CONFIGURATION.md. */
public final class IngestSettings {

    private IngestSettings() {}

    /** @param settings {@code name=value} pairs below {@code agent7.ingest}, e.g. {@code "max-retries=1"} */
    public static IngestProperties of(String... settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            values.put("agent7.ingest." + setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("agent7.ingest", IngestProperties.class);
    }
}
