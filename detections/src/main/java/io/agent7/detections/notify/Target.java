package io.agent7.detections.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a notification goes: a webhook URL (generic JSON, Slack or Teams) or an email address.
 * A rule's {@code notify} entries and the configured channels both become targets; a target
 * that exists is valid, so rule validation and startup both build one to check an address.
 *
 * <p>Webhook URLs of Slack and Teams carry their secret in the path, so {@link #toString()}
 * and {@link #describe()} (what logs and counters show) give only the scheme and host.
 *
 * @param name what the target is called in logs: the channel's name; null for a rule's own
 */
public record Target(Kind kind, String address, String name) {

    public enum Kind {
        /** Generic JSON: every field of the notice. */
        WEBHOOK("webhook URL"),
        /** A Slack incoming webhook: text and blocks. */
        SLACK("Slack webhook URL"),
        /** A Teams workflow or incoming webhook: an Adaptive Card. */
        TEAMS("Teams webhook URL"),
        EMAIL("email address");

        private final String addressLabel;

        Kind(String addressLabel) {
            this.addressLabel = addressLabel;
        }

        /**
         * The kind a rule or a configuration names, in any case.
         *
         * @throws IllegalArgumentException naming the value and the kinds there are
         */
        public static Kind parse(String value) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("notification kind '" + value + "' is not one of "
                    + Arrays.stream(values()).map(Kind::yaml).collect(Collectors.joining(", ")));
        }

        public String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean isWebhook() {
            return this != EMAIL;
        }
    }

    /**
     * @throws IllegalArgumentException when the address is not what the kind needs, with a
     *     message that quotes it and says why: "webhook URL 'ftp://x' must be http or https"
     */
    public Target {
        Objects.requireNonNull(kind, "kind");
        address = kind.isWebhook() ? webhookUrl(kind, address) : emailAddress(address);
        name = name == null || name.isBlank() ? null : name.trim();
    }

    /** A rule's target, from the kind and address its YAML gives; see {@link Kind#parse}. */
    public static Target parse(String kind, String address) {
        return new Target(Kind.parse(kind), address, null);
    }

    private static String webhookUrl(Kind kind, String address) {
        String label = kind.addressLabel;
        String url = present(label, address);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(label + " '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(label + " '" + url + "' must be http or https");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(label + " '" + url + "' has no host");
        }
        return url;
    }

    private static String emailAddress(String address) {
        String label = Kind.EMAIL.addressLabel;
        String text = present(label, address);
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(label + " '" + text + "' is not an address: " + e.getMessage());
        }
        if (parsed.isGroup()) {
            throw new IllegalArgumentException(label + " '" + text + "' is a group: give one address");
        }
        return text;
    }

    private static String present(String label, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(label + " is empty");
        }
        return value.trim();
    }

    /** The target for logs: its name and where it points, without a webhook's secret path. */
    String describe() {
        String where = kind.isWebhook() ? kind.yaml() + " " + redacted() : address;
        return name == null ? where : name + " (" + where + ")";
    }

    /** Scheme and host, and an ellipsis for the rest, which may be a secret. */
    private String redacted() {
        URI uri = URI.create(address);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null;
        return bare ? origin : origin + "/…";
    }

    @Override
    public String toString() {
        return "Target[" + describe() + "]";
    }
}
