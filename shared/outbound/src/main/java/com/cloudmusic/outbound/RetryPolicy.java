package com.cloudmusic.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard an outbound client tries, run by {@link Retrier}: server errors (5xx) and network failures
 * get up to {@code maxFailures} attempts with doubling backoff from {@code firstBackoff}; rate limits
 * (429) are waited out as long as the remote side says ({@code defaultThrottleWait} when it does not),
 * up to {@code maxThrottles} times; and no more than {@code maxTotalWait} is spent waiting in all, nor
 * past the call's deadline.
 */
public record RetryPolicy(int maxFailures, int maxThrottles, Duration firstBackoff, Duration defaultThrottleWait,
                          Duration maxTotalWait) {

    /** Replicate: 4 attempts (waits of 1, 2, 4 s), six rate-limit waits; the job's deadline bounds the rest. */
    public static final RetryPolicy REPLICATE = new RetryPolicy(4, 6, Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofHours(1));
    /** A channel post: 4 attempts (waits of 1, 2, 4 s), three rate-limit waits, at most 60 s of waiting. */
    public static final RetryPolicy CHANNELS = new RetryPolicy(4, 3, Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff == null");
        Objects.requireNonNull(defaultThrottleWait, "defaultThrottleWait == null");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait == null");
        if (maxFailures < 1 || maxThrottles < 0) {
            throw new IllegalArgumentException("maxFailures must be >= 1 and maxThrottles >= 0");
        }
        if (firstBackoff.isNegative() || defaultThrottleWait.isNegative() || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** Wait after the given failure (1-based) of a call. */
    Duration backoffAfter(int failure) {
        return firstBackoff.multipliedBy(1L << Math.min(failure - 1, 20));
    }
}
