package io.agent7.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void takesItsOwnOptionsAndWhatTheScriptPasses() {
        Args args = new Args(new String[] {"--es", "http://127.0.0.1:9200", "--hosts", "10"}, "hosts", "rounds");
        assertThat(args.get("es")).isEqualTo("http://127.0.0.1:9200");
        assertThat(args.integer("hosts", 300)).isEqualTo(10);
        assertThat(args.integer("rounds", 3)).isEqualTo(3);
    }

    @Test
    void aMistypedOptionIsAnErrorNamingTheOptionsThereAre() {
        assertThatThrownBy(() -> new Args(new String[] {"--host", "10"}, "hosts", "rounds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option --host; this benchmark takes --hosts, --rounds");
    }

    @Test
    void anOptionWithoutValueIsAnError() {
        assertThatThrownBy(() -> new Args(new String[] {"--hosts"}, "hosts"))
                .hasMessageContaining("Expected --name value pairs");
    }
}
