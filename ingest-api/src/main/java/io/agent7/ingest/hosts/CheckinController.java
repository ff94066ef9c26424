package io.agent7.ingest.hosts;

import io.agent7.ingest.policy.PolicySpec;
import io.agent7.ingest.security.AgentPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/agents/checkin}: the agent reports its host, and learns its policy. */
@RestController
class CheckinController {

    private final HostRegistry registry;

    CheckinController(HostRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/api/v1/agents/checkin")
    Map<String, Object> checkin(@AuthenticationPrincipal Jwt token, @RequestBody CheckinRequest request) {
        HostRegistry.Answer answer = registry.checkin(AgentPrincipal.of(token), request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", PolicySpec.toJson(answer.policy()));
        body.put("forced", answer.forced());
        body.put("server_time", answer.serverTime());
        return body;
    }
}
