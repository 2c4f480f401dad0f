package com.cloudmusic.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one remote call under a {@link RetryPolicy}: the one retry loop of every outbound client. A
 * call that must not happen twice (creating a paid prediction) is repeated only when the failure
 * proves nothing reached the remote side: an error answer, or a connection that was never made.
 */
public final class Retrier {

    /** One request: its result, or the failure of an error answer or of the network. */
    @FunctionalInterface
    public interface Call<T> {
        T send() throws IOException, HttpStatusException;
    }

    /** Whether a call may go out again after a failure that leaves its fate unknown. */
    public enum Repeat {
        /** Reads, idempotent writes, posts whose duplicates the remote side or our ledger tolerate. */
        SAFE,
        /** A create that bills: repeated after error answers and refused connections only, never blindly. */
        ONLY_IF_NOT_SENT
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    public Retrier(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * Sends until the call succeeds, fails for good, or the policy (or {@code deadline}, null for none)
     * says to stop.
     *
     * @throws HttpStatusException an answer not worth repeating (4xx, an unreadable success)
     * @throws IOException         a network failure of a call that must not be repeated blindly, an
     *                             interrupt while waiting ({@link InterruptedIOException}), or an answer
     *                             over the caller's size cap ({@link OutboundHttp.TooLarge})
     * @throws GaveUp              retryable failures went on past the policy's limits
     */
    public <T> T call(Repeat repeat, Instant deadline, Call<T> call) throws HttpStatusException, IOException, GaveUp {
        Objects.requireNonNull(repeat, "repeat == null");
        Objects.requireNonNull(call, "call == null");
        int failures = 0;
        int throttles = 0;
        Duration waited = Duration.ZERO;
        while (true) {
            Exception failure;
            Duration wait;
            try {
                return call.send();
            } catch (HttpStatusException e) {
                if (!e.retryable()) {
                    throw e;
                }
                failure = e;
                if (e.throttled()) {
                    throttles++;
                    wait = e.retryAfter().orElse(policy.defaultThrottleWait());
                    if (throttles > policy.maxThrottles()) {
                        throw new GaveUp(e, " after " + (failures + throttles) + " attempts");
                    }
                } else {
                    failures++;
                    wait = e.retryAfter().orElse(policy.backoffAfter(failures));
                }
            } catch (InterruptedIOException | OutboundHttp.TooLarge e) {
                throw e; // interrupted, or an answer that would only be as large again
            } catch (IOException e) {
                if (repeat == Repeat.ONLY_IF_NOT_SENT && !neverSent(e)) {
                    throw e;
                }
                failure = e;
                failures++;
                wait = policy.backoffAfter(failures);
            }
            if (failures >= policy.maxFailures()) {
                throw new GaveUp(failure, " after " + (failures + throttles) + " attempts");
            }
            Duration left = deadline == null ? policy.maxTotalWait().minus(waited)
                    : min(policy.maxTotalWait().minus(waited), Duration.between(clock.instant(), deadline));
            if (wait.compareTo(left) > 0) {
                throw new GaveUp(failure, "; asked to wait " + wait.toMillis() + " ms, beyond the "
                        + (deadline == null ? policy.maxTotalWait().toSeconds() + " s retry budget" : "call's deadline"));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
            waited = waited.plus(wait);
        }
    }

    /** The connection was never made, so the request cannot have reached the remote side. */
    static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Retryable failures went on past the policy's limits; the last one says what they were. */
    public static final class GaveUp extends Exception {

        private final transient Exception last;

        GaveUp(Exception last, String why) {
            super(describe(last) + why, last);
            this.last = last;
        }

        /** The last failure: an {@link HttpStatusException} or an {@link IOException}. */
        public Exception last() {
            return last;
        }

        /** True when the remote side was rate limiting us at the end. */
        public boolean throttled() {
            return last instanceof HttpStatusException status && status.throttled();
        }

        static String describe(Exception failure) {
            return failure instanceof HttpStatusException ? failure.getMessage()
                    : "network error: " + failure.getClass().getSimpleName();
        }
    }
}
