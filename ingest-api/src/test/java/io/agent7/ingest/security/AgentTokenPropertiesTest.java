package io.agent7.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentTokenPropertiesTest {

    private static final Path KEYS = Path.of("signing-keys.json");

    @Test
    void revocationsReachEveryInstanceWithinFifteenSecondsByDefault() {
        assertThat(new AgentTokenProperties(null, null, KEYS, null, null).revocationRefresh())
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(new AgentTokenProperties(null, null, KEYS, null, Duration.ofSeconds(1)).revocationRefresh())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefreshThatIsNotPositiveIsRefusedByName() {
        assertThatThrownBy(() -> new AgentTokenProperties(null, null, KEYS, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.tokens.revocation-refresh must be positive, got PT0S");
    }

    @Test
    void aLifetimeOverADayIsRefusedByName() {
        assertThatThrownBy(() -> new AgentTokenProperties(null, Duration.ofHours(25), KEYS, null, null))
                .hasMessage("agent7.tokens.lifetime must be between 1s and 24h, got PT25H");
    }
}
