package io.agent7.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    @Test
    void takesTheOptionsTheAgentsSimulateCommandTook() throws Exception {
        FleetSimulator.Options options = Main.options(Main.parse(new String[] {
            "--server", "https://ingest:8443", "--site-key", "sk_1", "--hosts", "12", "--seed", "3", "--minutes", "5"
        }));

        assertThat(options)
                .isEqualTo(new FleetSimulator.Options(
                        URI.create("https://ingest:8443"),
                        "sk_1",
                        null,
                        12,
                        3,
                        Duration.ofMinutes(5),
                        32,
                        Duration.ofSeconds(1)));
    }

    @Test
    void defaultsToFiveHundredHostsOfSeedSevenUntilStopped() throws Exception {
        FleetSimulator.Options options = Main.options(Map.of("server", "http://s", "site-key", "k"));

        assertThat(options.hosts()).isEqualTo(500);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.duration()).isGreaterThan(Duration.ofDays(365));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--server http://s                          | The simulator needs --server URL and --site-key KEY",
                "--server http://s --site-key k --colour x  | Unexpected argument '--colour'",
                "--server http://s --site-key               | Option --site-key needs a value",
                "--server http://s --site-key k --hosts many | --hosts must be a whole number of 0 or more, got 'many'",
                "--server http://s --site-key k --workers 0 | --workers must be between 1 and 1024, got 0"
            })
    void refusesBadUsageWithExitCodeTwoAndSaysWhy(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(
                args.trim().split(" +"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(message).contains("Usage: simulator");
    }
}
