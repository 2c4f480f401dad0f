package com.cloudmusic.tracks;

import com.cloudmusic.access.Caller;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.Decision;
import com.cloudmusic.quota.Quota;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The request side of generation (SPEC §4, §5): charge, record the job, queue it; and read tracks
 * back. A request that cannot be queued gives its unit back before the caller hears 503.
 */
public final class TrackService {

    public static final int MAX_LIST = 50;
    /** What a kit costs: four units, one per stem (the mix comes with them). */
    public static final int KIT_UNITS = 4;
    /** Kits are composed note by note, so only the procedural engine makes them, whatever MUSIC_ENGINE says. */
    public static final String KIT_ENGINE = "procedural";
    static final Duration DOWNLOAD_LINK_LIFETIME = Duration.ofMinutes(15);

    private final JobLedger ledger;
    private final JobStore jobs;
    private final JobQueue queue;
    private final TrackStore files;
    private final Clock clock;
    private final String engineName;
    private final LongSupplier freshSeeds;

    public TrackService(JobLedger ledger, JobStore jobs, JobQueue queue, TrackStore files, Clock clock,
            String engineName) {
        this(ledger, jobs, queue, files, clock, engineName, new SecureRandom()::nextLong);
    }

    public TrackService(JobLedger ledger, JobStore jobs, JobQueue queue, TrackStore files, Clock clock,
            String engineName, LongSupplier freshSeeds) {
        this.ledger = Objects.requireNonNull(ledger, "ledger == null");
        this.jobs = Objects.requireNonNull(jobs, "jobs == null");
        this.queue = Objects.requireNonNull(queue, "queue == null");
        this.files = Objects.requireNonNull(files, "files == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.engineName = Objects.requireNonNull(engineName, "engineName == null");
        this.freshSeeds = Objects.requireNonNull(freshSeeds, "freshSeeds == null");
    }

    /** An accepted generation: the queued track, what was charged and the allowance left. */
    public record Accepted(Job job, Charge charge, Quota quota) {

        /** ALLOW, charged from where the unit came. */
        public Decision decision() {
            return Decision.allow(charge.source());
        }
    }

    public Quota quota(Caller caller) {
        return ledger.quota(caller, clock.instant());
    }

    /**
     * Charges and queues one generation. A refusal of the charge is thrown as a
     * {@link com.cloudmusic.quota.ChargeRefusedException} carrying its BLOCK {@link Decision}.
     */
    public Accepted request(Caller caller, GenerationRequest request) {
        Instant now = clock.instant();
        // Resolve before charging: a request that cannot be resolved costs nothing.
        LoopSpec spec = SpecResolver.resolve(request, freshSeeds.getAsLong());
        String id = UUID.randomUUID().toString();
        return enqueue(caller, 1, charge -> Job.queued(id, caller.fingerprint(), request, spec, charge, engineName, now), now);
    }

    /**
     * Charges {@link #KIT_UNITS} units for a kit, all or nothing, and queues it as one job (one in-flight
     * slot): the generate function renders every part and the mix. Refused like a track when no one source
     * has four units left.
     */
    public Accepted requestKit(Caller caller, GenerationRequest request) {
        Instant now = clock.instant();
        LoopSpec spec = SpecResolver.resolveKit(request, freshSeeds.getAsLong());
        String id = UUID.randomUUID().toString();
        return enqueue(caller, KIT_UNITS,
                charge -> Job.queuedKit(id, caller.fingerprint(), request, spec, charge, KIT_ENGINE, now), now);
    }

    /** The charge and the job in one transaction, then the message; a job that cannot be queued gives its units back. */
    private Accepted enqueue(Caller caller, int units, Function<Charge, Job> jobFor, Instant now) {
        Charge charge;
        try {
            charge = ledger.charge(caller, units, 1, taken -> List.of(jobFor.apply(taken)), now);
        } catch (DomainException refused) {
            throw refused;
        } catch (RuntimeException e) {
            // The transaction failed as a whole, or timed out and may have landed (the reconciler then
            // sends its job): the caller hears both.
            throw unavailable(e, Unstarted.MAYBE_RECORDED);
        }
        Job job = jobFor.apply(charge);
        try {
            queue.send(job.id());
        } catch (RuntimeException e) {
            boolean givenBack;
            try {
                givenBack = jobs.markFailed(job, "queue_unavailable", "The job could not be queued; nothing was charged.",
                        true, now);
            } catch (RuntimeException alsoDown) {
                e.addSuppressed(alsoDown);
                givenBack = false;
            }
            // Not given back: the job stays queued, and the reconciler sends it later (SPEC §4.8).
            throw unavailable(e, givenBack ? Unstarted.NOTHING_CHARGED : Unstarted.RECORDED);
        }
        return new Accepted(job, charge, ledger.quota(caller, now));
    }

    /** The caller's tracks, newest first; kits and their parts are shown by {@link #kit}, not here. */
    public List<Job> recent(Caller caller, int limit) {
        return jobs.listByOwner(caller.fingerprint(), Math.max(1, Math.min(MAX_LIST, limit))).stream()
                .filter(job -> job.kit() == null).toList();
    }

    public Job get(String id) {
        return jobs.find(id).filter(job -> !job.isKit())
                .orElseThrow(() -> DomainException.notFound("No track with id " + id + "."));
    }

    /** A kit and, once it is ready, its part tracks in {@link KitPart} order (the mix last). */
    public record Kit(Job job, List<Job> parts) {
    }

    public Kit kit(String id) {
        Job kit = jobs.find(id).filter(Job::isKit)
                .orElseThrow(() -> DomainException.notFound("No kit with id " + id + "."));
        List<Job> parts = new ArrayList<>();
        if (kit.status() == TrackStatus.READY) {
            for (KitPart part : KitPart.values()) {
                jobs.find(part.trackId(id)).ifPresent(parts::add);
            }
        }
        return new Kit(kit, List.copyOf(parts));
    }

    /** A presigned download link for a ready kit's ZIP. */
    public URI kitZip(String id) {
        Job kit = kit(id).job();
        if (kit.status() != TrackStatus.READY) {
            throw new DomainException(DomainException.Kind.NOT_READY, "not_ready", "The kit is " + kit.status().wireName()
                    + "; its ZIP is not ready yet.");
        }
        return files.downloadUrl(id, TrackFile.ZIP, TrackNames.kitZipName(id, kit.spec().bpm(), kit.spec().key()),
                DOWNLOAD_LINK_LIFETIME);
    }

    /** A presigned download link for a ready track's file. */
    public URI download(String id, TrackFile file) {
        Job job = get(id);
        if (job.status() != TrackStatus.READY) {
            throw new DomainException(DomainException.Kind.NOT_READY, "not_ready", "The track is " + job.status().wireName()
                    + "; its audio is not ready yet.");
        }
        if (!job.has(file)) {
            throw DomainException.notFound("This track has no " + file.extension() + " file"
                    + (file == TrackFile.MID ? " (only procedural loops have MIDI; see the track's formats)." : "."));
        }
        return files.downloadUrl(id, file, job.fileName(file.extension()), DOWNLOAD_LINK_LIFETIME);
    }

    /** What is known of a request that could not be started, so its 503 says what really happened. */
    private enum Unstarted { NOTHING_CHARGED, RECORDED, MAYBE_RECORDED }

    private static DomainException unavailable(RuntimeException cause, Unstarted what) {
        String message = switch (what) {
            case NOTHING_CHARGED -> "We could not start your loop right now; nothing was charged. Please try again shortly.";
            case RECORDED -> "We could not start your loop right now. It is recorded and will be made within minutes; "
                    + "it will appear in your tracks.";
            case MAYBE_RECORDED -> "We could not start your loop right now. If this request reached our records after "
                    + "all, its loop is made within minutes and appears in your tracks; otherwise nothing was charged. "
                    + "Look at your tracks before trying again.";
        };
        DomainException e = new DomainException(DomainException.Kind.UNAVAILABLE, "service_unavailable", message);
        e.addSuppressed(cause);
        return e;
    }
}
