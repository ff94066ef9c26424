package io.agent7.ingest.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of batch bodies received whole and waiting for a reader. A request thread lets
 * go of its batch once the body is in, so agents that send faster than the readers read
 * would otherwise pile bodies up in memory, one per open connection (Tomcat keeps up to
 * 8,192). Past {@code limit} a body is refused, and its agent told to come back; a body is
 * always let in when none waits, whatever its size, so a batch the body limit allows is
 * never refused for good.
 */
final class UnreadBodies {

    private final long limit;
    private final AtomicLong bytes = new AtomicLong();

    UnreadBodies(long limit) {
        this.limit = limit;
    }

    /** Counts a received body in, unless that would take the total past the limit while others wait. */
    boolean tryAdd(long size) {
        long total = bytes.addAndGet(size);
        if (total > limit && total > size) {
            bytes.addAndGet(-size);
            return false;
        }
        return true;
    }

    /** A reader has taken the body. */
    void remove(long size) {
        bytes.addAndGet(-size);
    }

    long bytes() {
        return bytes.get();
    }

    long limit() {
        return limit;
    }
}
