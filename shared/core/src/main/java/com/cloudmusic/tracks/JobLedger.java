package com.cloudmusic.tracks;

import com.cloudmusic.access.Caller;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.QuotaLedger;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The quota ledger that also records the jobs a charge pays for, in the same transaction (SPEC §4.3, §4.8). */
public interface JobLedger extends QuotaLedger {

    /**
     * Takes {@code units} units from one source (wallet credits, then fingerprint credits, then the free
     * allowance within the network's pool), one in-flight slot per job, and writes the jobs, all in one
     * transaction: a crash or a failed write leaves either all of it or none. A kit is one job that costs
     * four units and holds one slot, charged all or nothing; its {@link Charge#units()} say what a
     * failure gives back.
     *
     * @param slots   in-flight slots the jobs take: one per job
     * @param jobsFor builds the jobs ({@code slots} of them) for the charge the ledger picked
     * @throws com.cloudmusic.quota.QuotaExhaustedException no source has {@code units} left, or the network's
     *                                                       free pool is spent ({@code network_quota_exhausted})
     * @throws com.cloudmusic.quota.TooManyActiveJobsException     the slots would exceed the caller's limit
     */
    Charge charge(Caller caller, int units, int slots, Function<Charge, List<Job>> jobsFor, Instant now);

    /** One unit and one slot per job. */
    default Charge charge(Caller caller, int units, Function<Charge, List<Job>> jobsFor, Instant now) {
        return charge(caller, units, units, jobsFor, now);
    }
}
