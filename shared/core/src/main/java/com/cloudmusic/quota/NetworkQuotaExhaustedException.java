package com.cloudmusic.quota;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The caller still has free units of their own, but their network's free pool for today is spent
 * (SPEC §4.7): BLOCKed with 402, a code of its own, and the time the pool refills.
 */
public final class NetworkQuotaExhaustedException extends ChargeRefusedException {
    private final Quota quota;
    private final long retryAfterSeconds;

    public NetworkQuotaExhaustedException(Quota quota, int networkLimit, Instant now) {
        super(Kind.PAYMENT_REQUIRED, "network_quota_exhausted", "Your network has used today's " + networkLimit
                + " free generations (they are shared by everyone behind the same address). Buy credits or "
                + "come back after " + quota.resetsAt() + ".");
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
