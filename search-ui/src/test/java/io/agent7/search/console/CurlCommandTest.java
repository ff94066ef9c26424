package io.agent7.search.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CurlCommandTest {

    @Test
    void theFilterIsUrlEncodedByCurlAndKeptLiteralByTheShell() {
        assertThat(CurlCommand.of(
                        "https://127.0.0.1:8080/",
                        "",
                        "admin",
                        "users",
                        "is_priv,eq,1;active,eq,true;last_logon,lt,2 months ago"))
                .isEqualTo("curl -G -u 'admin' --data-urlencode"
                        + " 'filter=is_priv,eq,1;active,eq,true;last_logon,lt,2 months ago'"
                        + " 'https://127.0.0.1:8080/api/v1/users'");
    }

    @Test
    void backslashesDollarsAndSingleQuotesSurviveTheShell() {
        assertThat(CurlCommand.of("http://h:1", "", "o'brien", "process", "process.executable,like,C:\\Users\\$x'*"))
                .isEqualTo("curl -G -u 'o'\\''brien' --data-urlencode"
                        + " 'filter=process.executable,like,C:\\Users\\$x'\\''*' 'http://h:1/api/v1/process'");
    }

    @Test
    void bashReadsAQuotedWordBackAsItWas() throws Exception {
        String word = "C:\\Users\\Public\\* | \"{}[]\" $HOME `id` 'x' 2 months ago";
        Process bash = new ProcessBuilder("bash", "-c", "printf %s " + CurlCommand.quote(word))
                .redirectErrorStream(true)
                .start();

        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(word);
        assertThat(bash.waitFor()).isZero();
    }

    @Test
    void aNamedCaIsTrusted() {
        assertThat(CurlCommand.of("https://h:1", "/srv/agent7/.agent7/tls/ca.pem", "admin", "process", ""))
                .isEqualTo("curl -G --cacert '/srv/agent7/.agent7/tls/ca.pem' -u 'admin' 'https://h:1/api/v1/process'");
    }

    @Test
    void noFilterNoFilterParameter() {
        assertThat(CurlCommand.of("http://h:1", "", "admin", "process", ""))
                .isEqualTo("curl -G -u 'admin' 'http://h:1/api/v1/process'");
    }
}
