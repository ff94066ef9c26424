package io.agent7.search.alerts;

/** A request about alerts named something wrong; the message says what, and what would be right. */
final class AlertInputException extends RuntimeException {

    AlertInputException(String message) {
        super(message);
    }
}
