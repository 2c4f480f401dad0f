package com.cloudmusic.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry policy, against scripted outcomes (no network, no real waiting). */
class RetrierTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final List<Duration> waits = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();
    private int sent;

    private Retrier retrier(RetryPolicy policy) {
        return new Retrier(policy, waits::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String next() throws IOException, HttpStatusException {
        sent++;
        Object outcome = script.removeFirst();
        if (outcome instanceof IOException e) {
            throw e;
        }
        if (outcome instanceof HttpStatusException e) {
            throw e;
        }
        return (String) outcome;
    }

    @Test
    void call_backsOffOneTwoFourSeconds_onServerErrors_thenGivesUpAfterFourAttempts() {
        for (int i = 0; i < 5; i++) {
            script.add(HttpStatusException.of(502, "HTTP 502"));
        }

        assertThatThrownBy(() -> retrier(RetryPolicy.CHANNELS).call(Retrier.Repeat.SAFE, null, this::next))
                .isInstanceOf(Retrier.GaveUp.class).hasMessage("HTTP 502 after 4 attempts");
        assertThat(sent).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void call_waitsWhatTheRateLimitSays_thenSucceeds() throws Exception {
        script.add(HttpStatusException.of(429, "slow down", Duration.ofMillis(1500)));
        script.add("ok");

        assertThat(retrier(RetryPolicy.CHANNELS).call(Retrier.Repeat.SAFE, null, this::next)).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void call_givesUpWithoutWaiting_whenTheRateLimitAsksForMoreThanTheBudget() {
        script.add(HttpStatusException.of(429, "retry after 120", Duration.ofSeconds(120)));

        assertThatThrownBy(() -> retrier(RetryPolicy.CHANNELS).call(Retrier.Repeat.SAFE, null, this::next))
                .isInstanceOfSatisfying(Retrier.GaveUp.class, e -> {
                    assertThat(e.throttled()).isTrue();
                    assertThat(e.getMessage()).contains("retry after 120").contains("beyond the 60 s retry budget");
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void call_neverWaitsPastTheDeadline() {
        script.add(HttpStatusException.of(503, "HTTP 503"));

        assertThatThrownBy(() -> retrier(RetryPolicy.REPLICATE)
                .call(Retrier.Repeat.SAFE, NOW.plusMillis(500), this::next)).isInstanceOf(Retrier.GaveUp.class);
        assertThat(waits).isEmpty();
    }

    @Test
    void call_stopsAfterTheLastRateLimitWaitThePolicyAllows() {
        for (int i = 0; i < 8; i++) {
            script.add(HttpStatusException.of(429, "throttled"));
        }

        assertThatThrownBy(() -> retrier(RetryPolicy.REPLICATE).call(Retrier.Repeat.SAFE, NOW.plusSeconds(120), this::next))
                .isInstanceOfSatisfying(Retrier.GaveUp.class, e -> assertThat(e.throttled()).isTrue());
        assertThat(waits).hasSize(6).containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void call_failsAtOnce_onAnAnswerNotWorthRepeating() {
        script.add(HttpStatusException.of(401, "Unauthorized"));

        assertThatThrownBy(() -> retrier(RetryPolicy.CHANNELS).call(Retrier.Repeat.SAFE, null, this::next))
                .isInstanceOf(HttpStatusException.class).hasMessage("Unauthorized");
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void call_neverRepeatsAnUnreadableSuccess() {
        script.add(HttpStatusException.unreadable(200, "unreadable answer"));

        assertThatThrownBy(() -> retrier(RetryPolicy.CHANNELS).call(Retrier.Repeat.SAFE, null, this::next))
                .isInstanceOf(HttpStatusException.class);
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void create_isNotRepeated_whenTheConnectionBrokeAfterSending() {
        script.add(new SocketException("Connection reset"));

        assertThatThrownBy(() -> retrier(RetryPolicy.REPLICATE)
                .call(Retrier.Repeat.ONLY_IF_NOT_SENT, NOW.plusSeconds(60), this::next)).isInstanceOf(SocketException.class);
        assertThat(sent).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void create_isRepeated_whenTheConnectionWasRefused() throws Exception {
        script.add(new ConnectException("Connection refused"));
        script.add("created");

        assertThat(retrier(RetryPolicy.REPLICATE).call(Retrier.Repeat.ONLY_IF_NOT_SENT, NOW.plusSeconds(60), this::next))
                .isEqualTo("created");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void read_isRepeated_afterABrokenConnection() throws Exception {
        script.add(new SocketException("Connection reset"));
        script.add("read");

        assertThat(retrier(RetryPolicy.REPLICATE).call(Retrier.Repeat.SAFE, NOW.plusSeconds(60), this::next))
                .isEqualTo("read");
    }
}
