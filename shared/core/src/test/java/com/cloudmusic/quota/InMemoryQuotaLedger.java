package com.cloudmusic.quota;

import com.cloudmusic.access.Caller;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The quota ledger's rules in memory, for unit tests of the services: wallet credit, then fingerprint
 * credit, then free unit of the UTC day; at most {@code maxActiveJobs} in flight. Wallet credits live here
 * too, because the ledger spends them (the in-memory wallets and purchases write them through this class).
 */
public final class InMemoryQuotaLedger implements JobLedger {

    private final int freeDailyLimit;
    private final int maxActiveJobs;
    private final Map<String, String> freeDay = new HashMap<>();
    private final Map<String, Integer> freeUsed = new HashMap<>();
    private final Map<String, Long> credits = new HashMap<>();
    private final Map<String, Integer> active = new HashMap<>();
    private final Map<String, Long> walletCredits = new HashMap<>();
    private Consumer<List<Job>> jobSink = jobs -> { };

    public InMemoryQuotaLedger(int freeDailyLimit, int maxActiveJobs) {
        this.freeDailyLimit = freeDailyLimit;
        this.maxActiveJobs = maxActiveJobs;
    }

    @Override
    public synchronized Quota quota(Caller caller, Instant now) {
        int remaining = Math.max(0, freeDailyLimit - freeUsedOn(caller.fingerprint(), UtcDay.of(now)));
        long wallet = caller.walletHash().map(this::walletCredits).orElse(0L);
        return new Quota(freeDailyLimit, remaining, credits(caller.fingerprint()) + wallet, UtcDay.nextMidnight(now));
    }

    /** Where charged jobs are written, in the same step as the charge (the in-memory job store). */
    public synchronized void recordJobsIn(Consumer<List<Job>> sink) {
        this.jobSink = sink;
    }

    @Override
    public synchronized Charge charge(Caller caller, int units, int slots, Function<Charge, List<Job>> jobsFor,
            Instant now) {
        String fingerprint = caller.fingerprint();
        if (activeJobs(fingerprint) + slots > maxActiveJobs) {
            throw new TooManyActiveJobsException(maxActiveJobs);
        }
        Charge charge;
        String today = UtcDay.of(now);
        if (caller.walletHash().isPresent() && walletCredits(caller.walletHash().get()) >= units) {
            charge = Charge.wallet(caller.walletHash().get());
        } else if (credits(fingerprint) >= units) {
            charge = Charge.credit();
        } else if (freeUsedOn(fingerprint, today) + units <= freeDailyLimit) {
            charge = Charge.free(today);
        } else {
            throw new QuotaExhaustedException(quota(caller, now), now);
        }
        charge = charge.withUnits(units);
        List<Job> jobs = jobsFor.apply(charge);
        if (jobs.size() != slots) {
            throw new IllegalArgumentException("one job per slot: " + slots + " slots, " + jobs.size() + " jobs");
        }
        // The jobs first: a failed write leaves nothing charged, as the DynamoDB transaction does.
        jobSink.accept(jobs);
        switch (charge.source()) {
            case WALLET -> walletCredits.merge(caller.walletHash().get(), (long) -units, Long::sum);
            case CREDIT -> credits.merge(fingerprint, (long) -units, Long::sum);
            case FREE -> {
                freeUsed.put(fingerprint, freeUsedOn(fingerprint, today) + units);
                freeDay.put(fingerprint, today);
            }
        }
        active.merge(fingerprint, slots, Integer::sum);
        return charge;
    }

    @Override
    public synchronized List<SlotHolder> slotHolders() {
        return active.entrySet().stream().map(e -> new SlotHolder(e.getKey(), e.getValue(), Instant.EPOCH)).toList();
    }

    @Override
    public synchronized boolean repairSlots(SlotHolder seen, long unfinishedJobs) {
        if (activeJobs(seen.fingerprint()) != seen.active()) {
            return false;
        }
        active.put(seen.fingerprint(), (int) unfinishedJobs);
        return true;
    }

    /** A failed job's units go back to where they came from, and its slot is freed. */
    public synchronized void giveBack(String fingerprint, Charge charge, Instant now) {
        releaseSlot(fingerprint);
        switch (charge.source()) {
            case WALLET -> walletCredits.merge(charge.walletHash(), (long) charge.units(), Long::sum);
            case CREDIT -> credits.merge(fingerprint, (long) charge.units(), Long::sum);
            case FREE -> {
                // A free unit of an earlier UTC day is not given back (SPEC §4.4).
                if (charge.day().equals(UtcDay.of(now)) && charge.day().equals(freeDay.get(fingerprint))) {
                    freeUsed.merge(fingerprint, -charge.units(), Integer::sum);
                }
            }
        }
    }

    @Override
    public synchronized void addCredits(String fingerprint, long amount) {
        credits.merge(fingerprint, amount, Long::sum);
    }

    /** A job finished: its owner's in-flight slot is free again. */
    public synchronized void releaseSlot(String fingerprint) {
        active.merge(fingerprint, -1, Integer::sum);
    }

    public synchronized int activeJobs(String fingerprint) {
        return active.getOrDefault(fingerprint, 0);
    }

    public synchronized long credits(String fingerprint) {
        return credits.getOrDefault(fingerprint, 0L);
    }

    public synchronized long walletCredits(String walletHash) {
        return walletCredits.getOrDefault(walletHash, 0L);
    }

    /** Moves credits into (positive) or out of (negative) a wallet, as a grant or take-back does. */
    public synchronized void addWalletCredits(String walletHash, long amount) {
        walletCredits.merge(walletHash, amount, Long::sum);
    }

    private int freeUsedOn(String fingerprint, String day) {
        return day.equals(freeDay.get(fingerprint)) ? freeUsed.getOrDefault(fingerprint, 0) : 0;
    }
}
