package com.cloudmusic.engine.replicate;

import java.time.Duration;

/** Waits between polls and retries. Production sleeps the thread; tests record the waits instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, on the calling thread. */
    static Sleeper system() {
        return duration -> Thread.sleep(Math.max(0, duration.toMillis()));
    }
}
