package io.agent7.ingest.enrollment;

import io.agent7.protocol.EnrollAnswer;
import io.agent7.protocol.EnrollRequest;
import io.agent7.protocol.TokenAnswer;
import io.agent7.protocol.TokenRequest;
import io.agent7.server.web.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/agents/enroll} and {@code POST /api/v1/agents/token}; see docs/AGENT-PROTOCOL.md. */
@RestController
class EnrollmentController {

    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Graph} ]+");

    private final EnrollmentService enrollment;
    private final TlsProperties tls;
    private final CommandKeyProperties commandKey;

    EnrollmentController(EnrollmentService enrollment, TlsProperties tls, CommandKeyProperties commandKey) {
        this.enrollment = enrollment;
        this.tls = tls;
        this.commandKey = commandKey;
    }

    @PostMapping("/api/v1/agents/enroll")
    @ResponseStatus(HttpStatus.CREATED)
    EnrollAnswer enroll(@RequestBody EnrollRequest request) {
        List<ApiProblem.Error> errors = new ArrayList<>();
        require(errors, "site_key", request.siteKey(), 512);
        EnrollRequest.Host host = request.host();
        if (host == null) {
            errors.add(new ApiProblem.Error(null, "host", "is required: {\"machine_id\": ..., \"name\": ...}"));
        } else {
            require(errors, "host.machine_id", host.machineId(), 256);
            require(errors, "host.name", host.name(), 255);
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The enrollment request is incomplete", errors);
        }
        var credentials = enrollment
                .enroll(request.siteKey(), host.machineId(), host.name(), request.agentVersion(), os(host.os()))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "The site key is not valid"));
        Instant now = Instant.now();
        return new EnrollAnswer(
                credentials.agentId(),
                credentials.hostId(),
                credentials.accessToken(),
                "Bearer",
                Math.max(0, credentials.expiresAt().getEpochSecond() - now.getEpochSecond()),
                credentials.expiresAt(),
                credentials.refreshToken(),
                tls.caPem(),
                commandKey.pem());
    }

    @PostMapping("/api/v1/agents/token")
    TokenAnswer token(@RequestBody TokenRequest request) {
        List<ApiProblem.Error> errors = new ArrayList<>();
        require(errors, "agent_id", request.agentId(), 64);
        require(errors, "refresh_token", request.refreshToken(), 512);
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The token request is incomplete", errors);
        }
        var issued = enrollment
                .refresh(request.agentId(), request.refreshToken())
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.UNAUTHORIZED,
                        "The agent is unknown or revoked, or the refresh credential is wrong; enroll again"));
        Instant now = Instant.now();
        return new TokenAnswer(
                issued.token(),
                "Bearer",
                Math.max(0, issued.expiresAt().getEpochSecond() - now.getEpochSecond()),
                issued.expiresAt());
    }

    private static Enrollment.HostOs os(EnrollRequest.Os os) {
        return os == null ? null : new Enrollment.HostOs(os.family(), os.name(), os.version(), os.kernel());
    }

    private static void require(List<ApiProblem.Error> errors, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblem.Error(null, field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new ApiProblem.Error(null, field, "is longer than " + maxLength + " characters"));
        } else if (!PRINTABLE.matcher(value).matches()) {
            errors.add(new ApiProblem.Error(null, field, "must be printable text"));
        }
    }
}
