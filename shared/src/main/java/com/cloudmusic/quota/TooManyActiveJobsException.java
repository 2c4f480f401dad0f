package com.cloudmusic.quota;

import com.cloudmusic.http.ApiException;
import java.util.Map;

/** The caller already has the maximum number of jobs queued or generating (SPEC §4.5). */
public final class TooManyActiveJobsException extends ApiException {

    public TooManyActiveJobsException(int limit) {
        super(429, "too_many_active_jobs", "You already have " + limit
                + " loops in progress. Wait for one to finish, then try again.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("retry-after", "5");
    }
}
