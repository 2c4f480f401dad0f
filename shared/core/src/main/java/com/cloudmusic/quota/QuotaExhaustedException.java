package com.cloudmusic.quota;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/** No unit left: the request is BLOCKed with 402 and told when the free allowance resets. */
public final class QuotaExhaustedException extends ChargeRefusedException {
    private final Quota quota;
    private final long retryAfterSeconds;

    public QuotaExhaustedException(Quota quota, Instant now) {
        super(Kind.PAYMENT_REQUIRED, "quota_exhausted", "You have used today's " + quota.freeLimit()
                + " free generations and have no credits. Buy credits or come back after "
                + quota.resetsAt() + ".");
        this.quota = quota;
        this.retryAfterSeconds = UtcDay.secondsToMidnight(now);
    }

    public Quota quota() {
        return quota;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("decision", decision().verdict().name(), "quota", quota);
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(retryAfterSeconds);
    }
}
