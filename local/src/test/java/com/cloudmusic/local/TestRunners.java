package com.cloudmusic.local;

import com.cloudmusic.testkit.CapturedLog;
import java.time.Duration;
import java.util.Map;

/** Local runners as the end-to-end tests start them: in memory, any free port, retries without delay. */
public final class TestRunners {

    private TestRunners() {
    }

    /** A runner with a fresh in-memory stack whose log lines stay out of the test output. */
    public static LocalRunner inMemory() {
        return LocalRunner.builder()
                .port(0)
                .environment(Map.of())
                .retryDelay(Duration.ZERO)
                .log(new CapturedLog().log())
                .start();
    }
}
