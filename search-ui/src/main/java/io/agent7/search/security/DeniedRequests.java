package io.agent7.search.security;

import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in person asked for something their role does not allow: an audit record
 * ({@code access.denied}, naming them, their roles, the request and where it came from), then
 * a 403: problem details for the API, the console's error page for pages. A refused CSRF
 * token lands here too, from anyone (a stranger's form post without its page's token
 * included), and is recorded the same way, with its own reason. A stranger refused anything
 * else never gets here: the entry point asks them to sign in.
 */
final class DeniedRequests implements AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog audit;
    private final AccessDeniedHandler pages = new AccessDeniedHandlerImpl();

    DeniedRequests(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String target = request.getMethod() + " " + request.getRequestURI();
        String reason = denied.getClass().getSimpleName().contains("Csrf")
                ? "missing or wrong CSRF token"
                : "role does not allow it";
        Map<String, String> details = new LinkedHashMap<>(Actors.credential(who));
        audit.record(new AuditEvent(
                "access.denied",
                false,
                Actors.name(who),
                Actors.roles(who),
                request.getRemoteAddr(),
                target,
                reason,
                details));
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            pages.handle(request, response, denied);
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Forbidden");
        problem.put("status", 403);
        problem.put(
                "detail",
                "Your roles (" + String.join(", ", Actors.roles(who)) + ") do not allow " + target + ": " + reason);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }
}
