package io.agent7.ingest.ingest;

import io.agent7.server.web.ApiProblem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/** Fails the request with 413 once more than {@code limit} bytes were read. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The batch is larger than " + limit + " bytes (after decompression); split it");
        }
    }
}
