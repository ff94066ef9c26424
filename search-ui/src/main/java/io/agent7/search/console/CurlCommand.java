package io.agent7.search.console;

/**
 * The query API call behind a console search, as a command to paste into a shell: {@code curl
 * -G --data-urlencode}, so that the filter's spaces, quotes and backslashes reach the API as
 * typed. The password is left out; curl asks for it. With a CA file named, the command trusts
 * it ({@code --cacert}), as a console whose certificate a private CA signed needs.
 */
final class CurlCommand {

    private CurlCommand() {}

    static String of(String baseUrl, String caCertificate, String user, String type, String filter) {
        StringBuilder command = new StringBuilder("curl -G");
        if (!caCertificate.isEmpty()) {
            command.append(" --cacert ").append(quote(caCertificate));
        }
        command.append(" -u ").append(quote(user));
        if (!filter.isEmpty()) {
            command.append(" --data-urlencode ").append(quote("filter=" + filter));
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return command.append(' ').append(quote(base + "/api/v1/" + type)).toString();
    }

    /** The same for a query in Lucene syntax: {@code /api/v1/search} with {@code q=} and {@code type=}. */
    static String ofLucene(String baseUrl, String caCertificate, String user, String type, String q) {
        StringBuilder command = new StringBuilder("curl -G");
        if (!caCertificate.isEmpty()) {
            command.append(" --cacert ").append(quote(caCertificate));
        }
        command.append(" -u ").append(quote(user));
        command.append(" --data-urlencode ").append(quote("type=" + type));
        command.append(" --data-urlencode ").append(quote("q=" + q));
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return command.append(' ').append(quote(base + "/api/v1/search")).toString();
    }

    /** Single quotes keep everything literal in a POSIX shell; a single quote itself is closed, escaped and reopened. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
