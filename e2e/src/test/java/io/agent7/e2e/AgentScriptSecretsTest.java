package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code secrets} step of {@code ./agent7 up}, run alone in bash: it writes the generated
 * secrets owner-only, keeps them across runs, and leaves the script's umask as it was. With a
 * 077 umask left behind, every folder {@code up} created after it (Elasticsearch's among them)
 * was closed to the unprivileged user Elasticsearch runs as, and {@code up} failed on a fresh
 * checkout.
 */
class AgentScriptSecretsTest {

    @Test
    void secretsAreOwnerOnlyKeptAcrossRunsAndTheUmaskIsLeftAlone() throws Exception {
        Path state = Files.createTempDirectory("agent7-script-state").resolve(".agent7");
        String script = "set -euo pipefail\n" + function("secrets") + "\n"
                + "STATE='" + state + "'\numask 0022\nsecrets\numask\nsecrets\numask\n"
                + "mkdir \"$STATE/after\"\nstat -c %a \"$STATE/after\"\n"
                + "printf '%s %s\\n' \"$AGENT7_SITE_KEY\" \"$AGENT7_ADMIN_PASSWORD\"\n";

        List<String> out = bash(script);

        assertThat(out.subList(0, 3))
                .as("umask after each run, then a folder made after it")
                .containsExactly("0022", "0022", "755");
        Path secrets = state.resolve("secrets.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rw-------");
        String[] values = out.get(3).split(" ");
        assertThat(values[0]).startsWith("sk_").hasSizeGreaterThan(20);
        assertThat(values[1]).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Files.readAllLines(secrets))
                .as("the second run keeps the first run's secrets")
                .containsExactly("AGENT7_ADMIN_PASSWORD=" + values[1], "AGENT7_SITE_KEY=" + values[0]);
    }

    /** A top-level function of the repository's {@code agent7} script, from its first line to its closing brace. */
    static String function(String name) throws Exception {
        List<String> lines = Files.readAllLines(repositoryRoot().resolve("agent7"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + "() {")) {
                start = i;
                break;
            }
        }
        assertThat(start).as("function %s in agent7", name).isNotNegative();
        int end = start;
        while (!lines.get(end).equals("}")) {
            end++;
        }
        return String.join("\n", lines.subList(start, end + 1));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("agent7"))) {
            dir = dir.getParent();
            assertThat(dir)
                    .as("a folder above the module holding the agent7 script")
                    .isNotNull();
        }
        return dir;
    }

    static List<String> bash(String script) throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
