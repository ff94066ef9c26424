package io.agent7.search.console;

import io.agent7.schema.DataType;
import io.agent7.search.api.SearchBackend;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What a console page asks Elasticsearch at once: a page is many searches (the result, its top
 * values; a host's every type; the dashboard's tiles), mostly waiting on the node, so they run
 * side by side and the page takes as long as its slowest search rather than their sum. Also
 * remembers, for a minute, which fields of a type hold values (the default columns), which
 * changes with the schema and the fleet, not from one page to the next.
 */
@Component
class Fanout {

    /** Searches in flight for every page together; beyond it they queue. */
    static final int THREADS = 16;

    static final Duration FIELDS_FOR = Duration.ofMinutes(1);

    private final ExecutorService pool;
    private final SearchBackend backend;
    private final Map<String, Fields> fields = new ConcurrentHashMap<>();

    private record Fields(Set<String> names, long until) {}

    Fanout(SearchBackend backend) {
        this.backend = backend;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "console-fanout-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code work} on the pool. Nothing in it may read the request (its thread-locals stay behind). */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool);
    }

    /** The value, or the exception the work threw, unwrapped, so a query error reaches the page as itself. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    static <T> List<T> joinAll(List<CompletableFuture<T>> futures) {
        return futures.stream().map(Fanout::join).toList();
    }

    /** The type's fields that hold a value somewhere, as of at most a minute ago. */
    Set<String> fieldsWithValues(DataType type) {
        long now = System.nanoTime();
        Fields known = fields.get(type.name());
        if (known != null && now - known.until() < 0) {
            return known.names();
        }
        Set<String> names = Set.copyOf(backend.fieldsWithValues(type));
        fields.put(type.name(), new Fields(names, now + FIELDS_FOR.toNanos()));
        return names;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
