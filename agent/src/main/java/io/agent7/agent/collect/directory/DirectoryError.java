package io.agent7.agent.collect.directory;

/**
 * A directory collection that could not finish: the DC was unreachable, refused the
 * credentials, presented a certificate that does not verify, sent referrals in a loop, or
 * let a page time out. The message says which, and never holds a secret; the agent reports
 * it at check-in and sends no snapshot, so the documents of the last collection stay present.
 */
public final class DirectoryError extends RuntimeException {

    public DirectoryError(String message) {
        super(message);
    }

    public DirectoryError(String message, Throwable cause) {
        super(message, cause);
    }
}
