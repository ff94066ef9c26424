package io.agent7.detections.notify;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/** What became of deliveries, for {@link Notifier#stats()} and, when there is a registry, as meters. */
final class Counts {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** @param meters null: no meters */
    Counts(MeterRegistry meters) {
        if (meters != null) {
            register(meters, "agent7.notifications.delivered", delivered, "Notifications a receiver took");
            register(meters, "agent7.notifications.retries", retried, "Failed deliveries scheduled to be tried again");
            register(
                    meters,
                    "agent7.notifications.failed",
                    failed,
                    "Notifications given up on: refused, or out of attempts");
            register(
                    meters,
                    "agent7.notifications.dropped",
                    dropped,
                    "Notifications dropped: queue full, or shutting down");
        }
    }

    private static void register(MeterRegistry meters, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum)
                .description(description)
                .register(meters);
    }

    void delivered() {
        delivered.increment();
    }

    void retried() {
        retried.increment();
    }

    void failed() {
        failed.increment();
    }

    void dropped(int deliveries) {
        dropped.add(deliveries);
    }

    Notifier.Stats snapshot() {
        return new Notifier.Stats(delivered.sum(), retried.sum(), failed.sum(), dropped.sum());
    }
}
