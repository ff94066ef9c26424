package io.agent7.server.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import co.elastic.clients.transport.http.TransportHttpClient.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleBufferHttpClientTest {

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manyLinesBecomeOneBufferWithTheSameBytes() {
        List<ByteBuffer> lines = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            String line = "{\"update\":{\"_id\":\"" + i + "\"}}\n{\"doc\":{\"n\":\"é" + i + "\"}}\n";
            lines.add(utf8(line));
            expected.append(line);
        }
        ByteBuffer sliced = utf8("xx{\"tail\":true}\n");
        sliced.position(2); // a buffer that does not start at 0
        lines.add(sliced);
        expected.append("{\"tail\":true}\n");
        Request request = new Request("POST", "/_bulk", Map.of("filter_path", "items"), Map.of("a", "b"), lines);

        Request joined = SingleBufferHttpClient.joined(request);

        List<ByteBuffer> body = new ArrayList<>();
        joined.body().forEach(body::add);
        assertEquals(1, body.size());
        byte[] bytes = new byte[body.get(0).remaining()];
        body.get(0).duplicate().get(bytes);
        assertEquals(expected.toString(), new String(bytes, StandardCharsets.UTF_8));
        assertEquals("POST", joined.method());
        assertEquals("/_bulk", joined.path());
        assertEquals(Map.of("filter_path", "items"), joined.queryParams());
        assertEquals(Map.of("a", "b"), joined.headers());
        assertEquals(2, sliced.position(), "the caller's buffers are left as they were");
    }

    @Test
    void requestsWithoutBodyOrWithOneBufferPassAsTheyAre() {
        Request none = new Request("GET", "/", Map.of(), Map.of(), null);
        Request one = new Request("POST", "/x/_search", Map.of(), Map.of(), List.of(utf8("{}")));
        assertSame(none, SingleBufferHttpClient.joined(none));
        assertSame(one, SingleBufferHttpClient.joined(one));
    }
}
