package com.cloudmusic.access;

import com.cloudmusic.errors.DomainException;
import java.util.OptionalLong;

/** A caller is going faster than an action allows: 429 with the seconds until the window ends. */
public final class TooManyRequestsException extends DomainException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String what, long retryAfterSeconds) {
        super(Kind.TOO_MANY, "too_many_requests", "Too many " + what + " from you just now. Try again in "
                + Math.max(1, retryAfterSeconds) + " seconds.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(retryAfterSeconds);
    }
}
