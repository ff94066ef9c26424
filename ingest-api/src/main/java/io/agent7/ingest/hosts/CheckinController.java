package io.agent7.ingest.hosts;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.CheckinAnswer;
import io.agent7.protocol.CheckinReport;
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
    CheckinAnswer checkin(@AuthenticationPrincipal Jwt token, @RequestBody CheckinReport report) {
        HostRegistry.Answer answer = registry.checkin(AgentPrincipal.of(token), report);
        return new CheckinAnswer(answer.policy(), answer.forced(), answer.serverTime());
    }
}
