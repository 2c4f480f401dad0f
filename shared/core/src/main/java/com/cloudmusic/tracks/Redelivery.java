package com.cloudmusic.tracks;

import java.time.Duration;

/** The consumer's side of the jobs queue: bringing a received message back sooner than its visibility timeout. */
@FunctionalInterface
public interface Redelivery {

    /**
     * Makes a received message (named by its receipt) come back after {@code delay} rather than after the
     * queue's whole visibility timeout.
     *
     * @throws RuntimeException when the queue could not be told (the visibility timeout then applies)
     */
    void redeliverAfter(String receipt, Duration delay);
}
