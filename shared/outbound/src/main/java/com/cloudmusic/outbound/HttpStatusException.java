package com.cloudmusic.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote API answered, but not with what we asked for: its HTTP status (or the API's own error code),
 * a message safe to log (never a token or a URL holding one) and, for rate limits, how long it asked
 * us to wait. The one failure type of every outbound client.
 */
public final class HttpStatusException extends Exception {

    private final int status;
    private final Duration retryAfter;
    private final boolean retryable;

    private HttpStatusException(int status, String message, Duration retryAfter, boolean retryable) {
        super(Objects.requireNonNull(message, "message == null"));
        this.status = status;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /** An error answer: rate limits (429) and server errors (5xx) may pass, anything else will not. */
    public static HttpStatusException of(int status, String message, Duration retryAfter) {
        return new HttpStatusException(status, message, retryAfter, status == 429 || status >= 500);
    }

    public static HttpStatusException of(int status, String message) {
        return of(status, message, null);
    }

    /**
     * A 2xx whose body we could not read: the remote side may have acted already (a post is up, a
     * prediction is running), so it is never retried.
     */
    public static HttpStatusException unreadable(int status, String message) {
        return new HttpStatusException(status, message, null, false);
    }

    public int status() {
        return status;
    }

    /** What the remote side asked us to wait before the next request, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean throttled() {
        return status == 429;
    }
}
