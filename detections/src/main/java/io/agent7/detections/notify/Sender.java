package io.agent7.detections.notify;

/** Sends one notice to one target, on the caller's thread, once. */
interface Sender {

    /**
     * @throws DeliveryException when the target did not take the notice, saying whether trying
     *     again later may help
     * @throws InterruptedException when the notifier is closing
     */
    void send(AlertNotice notice, Target target) throws DeliveryException, InterruptedException;
}
