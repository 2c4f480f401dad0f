package com.cloudmusic.quota;

import com.cloudmusic.access.Caller;
import java.time.Instant;
import java.util.List;

/**
 * Where allowances, credits and in-flight counts live. Units are taken together with the jobs they pay
 * for, in one transaction ({@code tracks.JobLedger}); this port reads them and keeps the in-flight
 * counts honest.
 */
public interface QuotaLedger {

    Quota quota(Caller caller, Instant now);

    /** Adds paid credits to a fingerprint (used by tests arranging a balance). */
    void addCredits(String fingerprint, long credits);

    /** A caller holding in-flight slots, as last written. */
    record SlotHolder(String fingerprint, long active, Instant changedAt) {
    }

    /** Every caller whose in-flight count was raised and not yet seen back at zero by the reconciler. */
    List<SlotHolder> slotHolders();

    /**
     * Sets a caller's in-flight count to what their unfinished jobs say, only if it is still the value
     * the reconciler saw (a charge or a finish in between wins).
     *
     * @return false when the count moved meanwhile (nothing written)
     */
    boolean repairSlots(SlotHolder seen, long unfinishedJobs);
}
