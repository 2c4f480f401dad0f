package com.cloudmusic.publish.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * A channel's remote API answered with an error, or with a success we could not read.
 * Carries the HTTP status and, for rate limits, how long the remote side asked us to wait.
 */
final class ChannelHttpException extends Exception {
    private final int status;
    private final Duration retryAfter;

    ChannelHttpException(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    ChannelHttpException(int status, String message) {
        this(status, message, null);
    }

    int status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Rate limits and server errors may pass; anything else (including an unreadable 2xx, where the
     * post may already be up and a retry could post it twice) will not.
     */
    boolean retryable() {
        return status == 429 || status >= 500;
    }
}
