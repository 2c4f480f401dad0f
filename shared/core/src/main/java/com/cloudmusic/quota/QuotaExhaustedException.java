package com.cloudmusic.quota;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * No unit left: the request is BLOCKed with 402 and told when the free allowance resets. Two codes:
 * {@code quota_exhausted} (the caller's own units are spent) and {@code network_quota_exhausted} (the
 * caller still has free units, but their network's daily pool is spent, SPEC §4.7).
 */
public final class QuotaExhaustedException extends ChargeRefusedException {
    private final Quota quota;
    private final long retryAfterSeconds;

    public QuotaExhaustedException(Quota quota, Instant now) {
        this("quota_exhausted", "You have used today's " + quota.freeLimit()
                + " free generations and have no credits. Buy credits or come back after "
                + quota.resetsAt() + ".", quota, now);
    }

    /** The caller's network has used its free pool for today ({@code FREE_DAILY_NETWORK_LIMIT}). */
    public static QuotaExhaustedException networkPool(Quota quota, int networkLimit, Instant now) {
        return new QuotaExhaustedException("network_quota_exhausted", "Your network has used today's " + networkLimit
                + " free generations (they are shared by everyone behind the same address). Buy credits or "
                + "come back after " + quota.resetsAt() + ".", quota, now);
    }

    private QuotaExhaustedException(String code, String message, Quota quota, Instant now) {
        super(Kind.PAYMENT_REQUIRED, code, message);
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
