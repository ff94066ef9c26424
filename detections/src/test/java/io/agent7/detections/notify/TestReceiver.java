package io.agent7.detections.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on loopback: records every request and answers 200, or the statuses it is
 * told to answer first. It can also hold every answer back until released, as a stalled
 * receiver would.
 */
final class TestReceiver implements AutoCloseable {

    record Request(String path, String contentType, String body, int answered) {
        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch stall = new CountDownLatch(0);

    private TestReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static TestReceiver start() {
        return new TestReceiver(0);
    }

    /** On a port chosen earlier, as a receiver that comes up late. */
    static TestReceiver start(int port) {
        return new TestReceiver(port);
    }

    /** A loopback port nothing listens on (for now). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String urlOnPort(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String url(String path) {
        return urlOnPort(server.getAddress().getPort(), path);
    }

    /** The next requests get these statuses, one each, in order; the ones after them 200. */
    void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Requests from now on wait for {@link #release()} before they are answered. */
    void stall() {
        stall = new CountDownLatch(1);
    }

    void release() {
        stall.countDown();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            stall.await(60, TimeUnit.SECONDS);
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            requests.add(new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body,
                    status));
            byte[] answer = (status == 200 ? "ok" : "status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
