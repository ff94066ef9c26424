package io.agent7.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed batch gets its 4xx, names what is wrong, and writes nothing. */
class IngestValidationIT extends IngestApiIT {

    static final String HEADER = header("b-1", "snapshot", yesterday("12:00:00"));
    static final String GOOD = process(1, "2026-11-28T10:00:00Z", "init");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        unknown field          => process   => 400 => process.colour  => {"upsert":{"process":{"pid":2,"start":0,"colour":"red"}}}
        wrong value type       => process   => 400 => process.pid     => {"upsert":{"process":{"pid":"two","start":0}}}
        missing identity       => process   => 400 => process.start   => {"upsert":{"process":{"pid":2}}}
        bad date               => process   => 400 => process.start   => {"upsert":{"process":{"pid":2,"start":"tuesday"}}}
        not JSON               => process   => 400 =>                 => {"upsert":
        not an upsert          => process   => 400 =>                 => {"index":{"_id":"x"}}
        series removal         => system_metric => 400 => remove      => {"remove":{"system_metric":{"sampled_at":0}}}
        removal in a snapshot  => process   => 400 => remove          => {"remove":{"process":{"pid":1,"start":"2026-11-28T10:00:00Z"}}}
        """)
    void badLineRejectsTheWholeBatch(String what, String type, int status, String field, String badLine) {
        Agent agent = enroll();
        String body = HEADER + (type.equals("process") ? GOOD : "") + badLine + "\n";
        Response r = ingest(agent, type, body);
        assertThat(r.status()).as(what + ": " + r).isEqualTo(status);
        assertThat(r.body().path("detail").asString()).contains("nothing of the batch was written");
        if (field != null) {
            assertThat(r.body()
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .contains(field);
        }
        assertThat(documentsOf("agent7-" + type, agent.hostId())).isZero();
    }

    /**
     * Each row names the check that refuses it, by the words of its answer: a request refused
     * by an earlier check (the Content-Length before the line limit, say) would not test the
     * one the row is about.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
        unknown type              => 404 => Unknown data type 'gizmo'
        missing header            => 400 => The first line must be the batch header
        wrong content type        => 415 => Send batches as Content-Type: application/x-ndjson
        unknown content encoding  => 415 => Content-Encoding 'br' is not supported
        broken gzip               => 400 => The body is not valid gzip
        gzip cut short            => 400 => The body could not be decoded
        body over the limit       => 413 => The batch is larger than 262144 bytes (after decompression)
        too many documents        => 413 => The batch has more than 500 documents
        line over the limit       => 413 => Line 2 is longer than 65536 bytes
        """)
    void malformedRequestsAreRefused(String what, int status, String detail) {
        Agent agent = enroll();
        String type = "process";
        String contentType = "application/x-ndjson";
        String encoding = null;
        byte[] body = (HEADER + GOOD).getBytes();
        switch (what) {
            case "unknown type" -> type = "gizmo";
            case "missing header" -> body = GOOD.getBytes();
            case "wrong content type" -> contentType = "text/plain";
            case "unknown content encoding" -> encoding = "br";
            case "broken gzip" -> encoding = "gzip";
            case "gzip cut short" -> {
                byte[] whole = gzip(HEADER + GOOD + GOOD.replace("\"pid\":1", "\"pid\":2"));
                body = java.util.Arrays.copyOf(whole, whole.length / 2);
                encoding = "gzip";
            }
            case "body over the limit" -> {
                // 256 KB after decompression, though the compressed body is tiny.
                body = gzip(HEADER + (GOOD.replace("}}}", "}}}") + " ".repeat(1000) + "\n").repeat(400));
                encoding = "gzip";
            }
            case "too many documents" -> {
                StringBuilder many = new StringBuilder(HEADER);
                for (int i = 0; i < 501; i++) {
                    many.append(process(10_000 + i, "2026-11-28T10:00:00Z", "p"));
                }
                body = many.toString().getBytes();
            }
            case "line over the limit" -> {
                // A line over the 64 KB line limit in a body well under the 256 KB body limit.
                body = (HEADER + process(3, "2026-11-28T10:00:00Z", "x".repeat(100_000))).getBytes();
                assertThat(body.length).isBetween(64 * 1024 + 1, 256 * 1024 - 1);
            }
            default -> throw new IllegalArgumentException(what);
        }
        Response r = send("/api/v1/ingest/" + type, agent.accessToken(), contentType, encoding, body, "POST");
        assertThat(r.status()).as(what + ": " + r).isEqualTo(status);
        assertThat(r.body().path("detail").asString()).as(what).contains(detail);
        assertThat(documentsOf("agent7-process", agent.hostId())).isZero();
    }
}
