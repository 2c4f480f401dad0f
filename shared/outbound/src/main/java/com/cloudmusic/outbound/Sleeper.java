package com.cloudmusic.outbound;

import java.time.Duration;

/** Waits between polls and retries. Production sleeps the thread; tests record the waits (and move a clock). */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, on the calling thread. */
    static Sleeper system() {
        return duration -> Thread.sleep(Math.max(0, duration.toMillis()));
    }
}
