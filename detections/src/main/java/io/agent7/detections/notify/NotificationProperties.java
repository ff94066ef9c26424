package io.agent7.detections.notify;

import io.agent7.detections.notify.Target.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where alert notifications go besides each rule's own targets, and how they are delivered
 * ({@code agent7.detections.notifications.*}). Checked when built, so a bad channel stops the
 * service at startup with a message naming it, not at the first alert.
 *
 * @param channels      named targets, each for the severities it lists
 * @param smtp          the mail server; email targets need its {@code host}
 * @param webhook       timeouts of webhook requests
 * @param retry         how failed deliveries are tried again
 * @param queueCapacity deliveries (a notice to one target) held at once: waiting to be sent,
 *                      being sent or waiting for a retry (default 10,000). Past it a new one is
 *                      dropped and counted, so that a receiver that is down for hours costs
 *                      bounded memory and never slows a detection run.
 * @param threads       threads that send (default 2): each waits for its receiver, up to the
 *                      request or SMTP timeout
 * @param consoleUrl    the console's base URL; a notice without a link gets
 *                      {@code <console-url>/alerts/<alert id>}. Null: no link.
 */
@ConfigurationProperties(NotificationProperties.PREFIX)
public record NotificationProperties(
        List<Channel> channels,
        Smtp smtp,
        Webhook webhook,
        Retry retry,
        Integer queueCapacity,
        Integer threads,
        URI consoleUrl) {

    static final String PREFIX = "agent7.detections.notifications";

    public NotificationProperties {
        channels = channels == null ? List.of() : List.copyOf(channels);
        smtp = smtp == null ? new Smtp(null, null, null, null, null, null, null) : smtp;
        webhook = webhook == null ? new Webhook(null, null) : webhook;
        retry = retry == null ? new Retry(null, null, null) : retry;
        queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
        threads = threads == null ? 2 : threads;
        atLeastOne("queue-capacity", queueCapacity);
        atLeastOne("threads", threads);
        if (consoleUrl != null && !"http".equals(consoleUrl.getScheme()) && !"https".equals(consoleUrl.getScheme())) {
            throw new IllegalArgumentException(
                    PREFIX + ".console-url must be an http or https URL, got '" + consoleUrl + "'");
        }
        checkChannels(channels, smtp);
    }

    /** No channels, no mail server, every default. */
    public static NotificationProperties defaults() {
        return new NotificationProperties(null, null, null, null, null, null, null);
    }

    private static void checkChannels(List<Channel> channels, Smtp smtp) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            String where = PREFIX + ".channels[" + i + "]";
            if (channel.name() == null || channel.name().isBlank()) {
                throw new IllegalArgumentException(where + " has no name: give each channel one, for the logs");
            }
            where += " (" + channel.name() + ")";
            if (!names.add(channel.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": another channel has the same name");
            }
            if (channel.kind() == null) {
                throw new IllegalArgumentException(where + " has no kind: webhook, slack, teams or email");
            }
            try {
                channel.target();
                channel.severities().forEach(AlertNotice::severity);
            } catch (IllegalArgumentException e) {
                // Not chained: the root cause is what startup reports, and it must name the channel.
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (channel.severities().isEmpty()) {
                throw new IllegalArgumentException(where + " has no severities: list those it is for, of "
                        + String.join(", ", AlertNotice.SEVERITIES));
            }
            if (channel.kind() == Kind.EMAIL && !smtp.configured()) {
                throw new IllegalArgumentException(
                        where + " is an email channel, but " + PREFIX + ".smtp.host is not set");
            }
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be at least 1, got " + value);
        }
    }

    private static Duration positive(String name, Duration value, Duration otherwise) {
        Duration d = value == null ? otherwise : value;
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * A named target for alerts of some severities.
     *
     * @param address    the webhook URL or email address
     * @param severities which alerts it gets: {@code low}, {@code medium}, {@code high}, {@code critical}
     */
    public record Channel(String name, Kind kind, String address, List<String> severities) {
        public Channel {
            severities = severities == null ? List.of() : List.copyOf(severities);
        }

        Target target() {
            return new Target(kind, address, name);
        }

        boolean isFor(String severity) {
            return severities.stream().anyMatch(s -> s.trim().equalsIgnoreCase(severity));
        }
    }

    /**
     * The mail server alert emails are sent through.
     *
     * @param host     null: no email
     * @param port     default 25
     * @param username with {@code password}, for SMTP AUTH; null: none
     * @param starttls require STARTTLS (default false): when true, a server that does not offer
     *                 it is a failed delivery, never a message sent in the clear
     * @param from     the sender's address, required with a host
     * @param timeout  for connecting, and for each read and write (default 10 s)
     */
    public record Smtp(
            String host,
            Integer port,
            String username,
            String password,
            Boolean starttls,
            String from,
            Duration timeout) {
        public Smtp {
            host = host == null || host.isBlank() ? null : host.trim();
            port = port == null ? 25 : port;
            starttls = starttls != null && starttls;
            timeout = positive("smtp.timeout", timeout, Duration.ofSeconds(10));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException(PREFIX + ".smtp.port must be from 1 to 65535, got " + port);
            }
            if (host != null) {
                if (from == null || from.isBlank()) {
                    throw new IllegalArgumentException(
                            PREFIX + ".smtp.from is required with smtp.host: the address alert emails come from");
                }
                try {
                    from = new Target(Kind.EMAIL, from, null).address();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PREFIX + ".smtp.from: " + e.getMessage());
                }
            }
        }

        boolean configured() {
            return host != null;
        }

        boolean authenticates() {
            return username != null && !username.isBlank();
        }

        /** Without the password, which would otherwise reach any log that prints the configuration. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? null : "***") + ", starttls=" + starttls + ", from=" + from + ", timeout="
                    + timeout + "]";
        }
    }

    /**
     * @param connectTimeout for the TCP and TLS connection (default 5 s)
     * @param requestTimeout for the whole request, answer included (default 10 s)
     */
    public record Webhook(Duration connectTimeout, Duration requestTimeout) {
        public Webhook {
            connectTimeout = positive("webhook.connect-timeout", connectTimeout, Duration.ofSeconds(5));
            requestTimeout = positive("webhook.request-timeout", requestTimeout, Duration.ofSeconds(10));
        }
    }

    /**
     * Exponential backoff: a delivery that failed for a reason that may pass (a 5xx, 408 or 429,
     * a refused connection, an SMTP 4xx) is tried again after {@code initialBackoff}, then twice
     * as long each time up to {@code maxBackoff}, until {@code maxAttempts} in all. The
     * defaults (1 s, 5 min, 8) ride out about two minutes of a receiver being down.
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Integer maxAttempts) {
        public Retry {
            initialBackoff = positive("retry.initial-backoff", initialBackoff, Duration.ofSeconds(1));
            maxBackoff = positive("retry.max-backoff", maxBackoff, Duration.ofMinutes(5));
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            atLeastOne("retry.max-attempts", maxAttempts);
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException(PREFIX + ".retry.initial-backoff (" + initialBackoff
                        + ") cannot be longer than retry.max-backoff (" + maxBackoff + ")");
            }
        }

        /** The wait after the {@code failures}-th failed attempt, before jitter. */
        Duration backoff(int failures) {
            Duration wait = initialBackoff;
            for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
        }
    }
}
