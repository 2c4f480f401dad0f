package com.cloudmusic.quota;

import com.cloudmusic.access.Caller;
import java.time.Instant;

/**
 * Where allowances, credits and active-job counts live. Every charge is one atomic conditional write,
 * so concurrent requests can never overspend (SPEC §4.3).
 */
public interface QuotaLedger {

    Quota quota(Caller caller, Instant now);

    /**
     * Takes one unit (wallet credit, then fingerprint credit, then free) and one active-job slot.
     *
     * @throws QuotaExhaustedException   when no unit is left (BLOCK)
     * @throws TooManyActiveJobsException when the caller already has the maximum of jobs in flight
     */
    Charge charge(Caller caller, Instant now);

    /**
     * Gives a unit back to where it came from and frees the active slot, for a job that never reached
     * the queue. A free unit of an earlier UTC day is not given back.
     */
    void giveBack(String fingerprint, Charge charge, Instant now);

    /** Adds paid credits to a fingerprint (used by payments and by tests arranging a balance). */
    void addCredits(String fingerprint, long credits);
}
