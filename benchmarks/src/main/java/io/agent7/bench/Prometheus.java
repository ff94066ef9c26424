package io.agent7.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One scrape of a service's {@code /actuator/prometheus} text, from its management port. */
final class Prometheus {

    private final List<String> lines;

    private Prometheus(List<String> lines) {
        this.lines = lines;
    }

    static Prometheus scrape(URI management) {
        String text = new String(Http.sendRaw(management.resolve("/actuator/prometheus")), StandardCharsets.UTF_8);
        return new Prometheus(text.lines().filter(line -> !line.startsWith("#")).toList());
    }

    /** The sum of every sample of {@code metric} whose labels contain each of {@code labels} (e.g. {@code area="heap"}). */
    double sum(String metric, String... labels) {
        double total = 0;
        for (String line : lines) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
