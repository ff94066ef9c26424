package io.agent7.ingest.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rotates the signing keys when due and picks up keys other instances made. */
@Component
class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SigningKeys keys;

    KeyRotation(SigningKeys keys) {
        this.keys = keys;
    }

    @Scheduled(
            fixedDelayString = "${agent7.tokens.key-reload:60s}",
            initialDelayString = "${agent7.tokens.key-reload:60s}")
    void rotateAndReload() {
        String before = keys.current().getKeyID();
        try {
            keys.rotateIfDue();
        } catch (RuntimeException e) {
            log.warn("Could not rotate or reload the signing keys (still using {}): {}", before, e.getMessage());
            return;
        }
        String after = keys.current().getKeyID();
        if (!after.equals(before)) {
            log.info("Agent tokens are now signed with key {} (was {})", after, before);
        }
    }
}
