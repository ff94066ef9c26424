package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenCommandsTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path state;

    @Test
    void aNonceIsKeptUntilItsCommandExpiresAcrossRestarts() throws Exception {
        SeenCommands seen = SeenCommands.open(state, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(seen.add("a", NOW.plusSeconds(60))).isTrue();
        assertThat(seen.add("b", NOW.plusSeconds(3600))).isTrue();
        assertThat(seen.add("a", NOW.plusSeconds(60))).isFalse();

        SeenCommands restarted = SeenCommands.open(state, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
        assertThat(restarted.add("a", NOW.plusSeconds(60))).isFalse();

        SeenCommands later = SeenCommands.open(state, Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        assertThat(later.size()).as("a's command expired; b's has not").isEqualTo(1);
        assertThat(later.add("b", NOW.plusSeconds(3600))).isFalse();
        assertThat(Files.readAllLines(state.resolve(SeenCommands.FILE))).hasSize(1);
    }

    @Test
    void aLineCutByACrashIsDroppedAndANonceIsOneToken() throws Exception {
        Files.writeString(state.resolve(SeenCommands.FILE), "a 9999999999999\nb 12");
        SeenCommands seen = SeenCommands.open(state, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(seen.add("a", NOW.plusSeconds(1))).isFalse();
        assertThat(seen.size()).isEqualTo(1);
        assertThatThrownBy(() -> seen.add("x y", NOW)).hasMessageContaining("one token");
    }
}
