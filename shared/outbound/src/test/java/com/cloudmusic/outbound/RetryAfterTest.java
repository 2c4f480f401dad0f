package com.cloudmusic.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void header_readsDelaySecondsAndHttpDates() {
        assertThat(RetryAfter.header("7", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.header("1.5", clock)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.header("Tue, 24 Nov 2026 10:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.header("soon", clock)).isEmpty();
        assertThat(RetryAfter.header("-3", clock)).isEmpty();
        assertThat(RetryAfter.header(null, clock)).isEmpty();
    }

    @Test
    void inText_readsReplicatesThrottleWords() {
        assertThat(RetryAfter.inText("Request was throttled. Expected available in 6 seconds.")).contains(Duration.ofSeconds(6));
        assertThat(RetryAfter.inText("Your rate limit resets in ~30s.")).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.inText("<html>busy</html>")).isEmpty();
    }

    @Test
    void longer_takesTheLongerOfTwoHints() {
        assertThat(RetryAfter.longer(Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(3))))
                .contains(Duration.ofSeconds(4));
        assertThat(RetryAfter.longer(Optional.empty(), Optional.of(Duration.ofSeconds(3)))).contains(Duration.ofSeconds(3));
    }
}
