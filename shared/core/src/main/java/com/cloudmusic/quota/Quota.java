package com.cloudmusic.quota;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * A caller's allowance as the API shows it (SPEC §2): free generations left today, paid credits
 * (fingerprint plus wallet), and when the free allowance resets.
 */
public record Quota(
        int freeLimit,
        int freeRemaining,
        long credits,
        @JsonSerialize(using = ToStringSerializer.class) Instant resetsAt) {

    public boolean exhausted() {
        return freeRemaining <= 0 && credits <= 0;
    }
}
