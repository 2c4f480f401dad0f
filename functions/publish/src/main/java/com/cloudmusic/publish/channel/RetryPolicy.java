package com.cloudmusic.publish.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a channel tries: at most {@code maxAttempts} requests, exponential backoff from
 * {@code initialBackoff} for server and network errors, and at most {@code maxTotalWait} spent
 * waiting in all (a rate limit asking for more than what is left is given up as transient).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotalWait) {

    /** 4 attempts, waits of 1, 2 and 4 s, never more than 60 s of waiting for one post. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait == null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** Wait after the given failed attempt (1-based) when the remote side did not say how long. */
    Duration backoffAfter(int attempt) {
        return initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
