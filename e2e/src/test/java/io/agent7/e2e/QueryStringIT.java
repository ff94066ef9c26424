package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Query strings as people type them, sent byte for byte over a socket (curl and Java's HTTP
 * client would encode them first) to the built search-ui jar: the DSL's backslashes, pipes,
 * quotes and brackets pass raw, {@code +} and {@code %20} are spaces, and what Tomcat still
 * refuses comes back as problem details, not Tomcat's HTML page.
 */
@ExtendWith(ElasticsearchExtension.class)
class QueryStringIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ServiceProcess search;

    @BeforeAll
    static void startSearchUi() {
        search = ServiceProcess.start(
                "search-ui",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL",
                        TestElasticsearch.url().toString(),
                        "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                        TestAccounts.ADMIN_PASSWORD),
                // Plain HTTP on loopback, asked for by name: the test writes the request's raw bytes
                // to a socket, which TLS would hide from Tomcat's parser behind a handshake.
                "--agent7.console.plain-http=true",
                "--server.address=127.0.0.1");
    }

    @AfterAll
    static void stopSearchUi() {
        if (search != null) {
            search.close();
        }
    }

    @Test
    void aWindowsPathWithRawBackslashesIsAnswered() throws Exception {
        Answer answer = get("/api/v1/schtasks?filter=process.executable,like,C:\\Users\\Public\\*");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("type").asString()).isEqualTo("scheduled_task");
    }

    @Test
    void everyRelaxedCharacterReachesTheDslAndPlusAndPercentTwentyAreSpaces() throws Exception {
        // An unknown operator, so that the answer quotes the clause as the service decoded it.
        Answer answer = get("/api/v1/users?filter=a\\b|\"{}[]^`<>,nope,2+months%20ago");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString()).contains("'a\\b|\"{}[]^`<>,nope,2 months ago'");
    }

    @Test
    void relativeDatesWrittenWithPlusOrPercentTwentyAreAnswered() throws Exception {
        for (String spaced : new String[] {"2+months+ago", "2%20months%20ago"}) {
            Answer answer = get("/api/v1/users?filter=is_priv,eq,1;active,eq,true;last_logon,lt," + spaced);

            assertThat(answer.status()).as(spaced + ": " + answer).isEqualTo(200);
        }
    }

    @Test
    void aRawSpaceIsAProblemThatSaysHowToEncodeIt() throws Exception {
        Answer answer = get("/api/v1/users?filter=last_logon,lt,2 months ago");

        assertProblem(answer, 400);
        assertThat(answer.json().get("detail").asString()).contains("%20", "--data-urlencode");
    }

    @Test
    void aCharacterTomcatCannotRelaxIsAProblem() throws Exception {
        // A raw tab: no setting lets it into a request target.
        assertProblem(get("/api/v1/users?filter=name,eq,a\tb"), 400);
    }

    @Test
    void aBrokenPercentEscapeInThePathIsAProblem() throws Exception {
        assertProblem(get("/api/v1/us%zzers"), 400);
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("title").asString()).isNotBlank();
        assertThat(answer.json().has("detail")).as(answer.toString()).isTrue();
    }

    /** Sends {@code GET target} exactly as given, with the administrator's credentials. */
    private static Answer get(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", search.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TestAccounts.adminBasic()
                            + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return Answer.parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    private record Answer(int status, String contentType, String body) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", raw).isPositive();
            String[] head = raw.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : head) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body = raw.substring(end + 4);
            return new Answer(status, contentType, chunked ? dechunk(body) : body);
        }

        private static String dechunk(String body) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
