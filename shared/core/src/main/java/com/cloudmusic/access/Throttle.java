package com.cloudmusic.access;

import java.time.Duration;
import java.time.Instant;

/** Per-caller rate limits on actions that cost us something (a Checkout Session, a provider lookup). */
public interface Throttle {

    /** At most {@code count} uses per {@code window}, counted in fixed windows. */
    record Limit(int count, Duration window) {
    }

    /**
     * Counts one use of {@code action} by {@code caller}.
     *
     * @throws TooManyRequestsException when the caller has used this window's allowance
     */
    void acquire(String action, String caller, Limit limit, Instant now);

    /** No limit at all (tests of other rules). */
    static Throttle none() {
        return (action, caller, limit, now) -> { };
    }
}
