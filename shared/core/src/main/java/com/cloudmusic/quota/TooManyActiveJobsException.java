package com.cloudmusic.quota;

import java.util.OptionalLong;

/** The caller already has the maximum number of jobs queued or generating (SPEC §4.5). */
public final class TooManyActiveJobsException extends ChargeRefusedException {

    public TooManyActiveJobsException(int limit) {
        super(Kind.TOO_MANY, "too_many_active_jobs", "You already have " + limit
                + " loops in progress. Wait for one to finish, then try again.");
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(5);
    }
}
