package io.agent7.server.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers as problem details, in place of its HTML page. Tomcat answers by
 * itself, before any servlet sees the request, when it cannot read a request: a raw space or
 * a character outside the relaxed set in the query string, a malformed {@code %} escape. A
 * client that pasted a command then gets the same shape as every other error, and one that
 * says how to write the request instead.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    static final String UNREADABLE_REQUEST = "The request line could not be read: encode spaces as %20 or +,"
            + " and other characters outside letters, digits and \\|\"{}[]^`<> as %XX"
            + " (curl -G --data-urlencode 'filter=...' does both)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own valves do: nothing for a success, nothing when the application wrote
        // a body already, and each error reported once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                String reason = response.getMessage();
                if ((reason == null || reason.isBlank()) && throwable != null) {
                    reason = throwable.getMessage();
                }
                writer.write(JSON.writeValueAsString(body(status, reason)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is closed: there is no one left to tell.
        }
    }

    /** RFC 9457 fields, as Spring's {@code ProblemDetail} writes them for {@link ApiProblem}. */
    static Map<String, Object> body(int status, String reason) {
        HttpStatus known = HttpStatus.resolve(status);
        boolean hasReason = reason != null && !reason.isBlank();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        if (status == 400) {
            body.put("detail", UNREADABLE_REQUEST + (hasReason ? " (" + reason + ")" : ""));
        } else if (hasReason) {
            body.put("detail", reason);
        }
        return body;
    }
}
