package com.cloudmusic.publish.channel;

import java.time.Duration;

/** Waits between retries. Production sleeps the thread; tests record the requested waits instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, on the calling thread. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
