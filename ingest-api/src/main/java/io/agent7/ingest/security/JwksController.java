package io.agent7.ingest.security;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys, so that any service can verify agent tokens without asking us. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    Map<String, Object> jwks() {
        return keys.publicSet().toJSONObject();
    }
}
