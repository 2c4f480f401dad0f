package com.cloudmusic.tracks;

import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.quota.Charge;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One generation as stored: who asked (fingerprint only), what was asked and resolved, what it cost,
 * and where it is in its lifecycle. The job id is what grants access to the track.
 *
 * @param params       the request's params object as sent, echoed on the track
 * @param userPrompt   the advanced-mode prompt, null in guided mode
 * @param engine       the engine asked for, replaced by the one that actually rendered once ready
 * @param remoteId     a remote engine's prediction id, kept so a retry resumes it
 * @param hasMidi      a Standard MIDI File of the notes was stored (procedural engines only)
 * @param kit          the kit this job is (or is a part of), null for a track on its own
 */
public record Job(
        String id,
        String owner,
        TrackStatus status,
        LoopSpec spec,
        Map<String, Object> params,
        String userPrompt,
        boolean share,
        Charge charge,
        String engine,
        Double measuredBpm,
        boolean hasMp3,
        boolean hasWaveform,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        String remoteId,
        boolean hasMidi,
        KitLink kit) {

    public Job {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(owner, "owner == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(charge, "charge == null");
        Objects.requireNonNull(engine, "engine == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(updatedAt, "updatedAt == null");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A track on its own, in no kit. */
    public Job(String id, String owner, TrackStatus status, LoopSpec spec, Map<String, Object> params,
            String userPrompt, boolean share, Charge charge, String engine, Double measuredBpm, boolean hasMp3,
            boolean hasWaveform, String errorCode, String errorMessage, Instant createdAt, Instant updatedAt,
            String remoteId, boolean hasMidi) {
        this(id, owner, status, spec, params, userPrompt, share, charge, engine, measuredBpm, hasMp3, hasWaveform,
                errorCode, errorMessage, createdAt, updatedAt, remoteId, hasMidi, null);
    }

    /** A job without MIDI (queued, failed, or rendered by an engine that does not know its notes). */
    public Job(String id, String owner, TrackStatus status, LoopSpec spec, Map<String, Object> params,
            String userPrompt, boolean share, Charge charge, String engine, Double measuredBpm, boolean hasMp3,
            boolean hasWaveform, String errorCode, String errorMessage, Instant createdAt, Instant updatedAt,
            String remoteId) {
        this(id, owner, status, spec, params, userPrompt, share, charge, engine, measuredBpm, hasMp3, hasWaveform,
                errorCode, errorMessage, createdAt, updatedAt, remoteId, false);
    }

    /** The files stored for the track, in the order a client offers them: WAV, MP3, MIDI. */
    public java.util.List<TrackFile> formats() {
        java.util.List<TrackFile> formats = new java.util.ArrayList<>(3);
        if (status == TrackStatus.READY) {
            formats.add(TrackFile.WAV);
            if (hasMp3) {
                formats.add(TrackFile.MP3);
            }
            if (hasMidi) {
                formats.add(TrackFile.MID);
            }
        }
        return java.util.List.copyOf(formats);
    }

    /** Whether the file is stored for this ready track. */
    public boolean has(TrackFile file) {
        return switch (file) {
            case WAV -> status == TrackStatus.READY;
            case MP3 -> status == TrackStatus.READY && hasMp3;
            case PNG -> status == TrackStatus.READY && hasWaveform;
            case MID -> status == TrackStatus.READY && hasMidi;
            case ZIP -> false; // a kit's ZIP belongs to the kit, not to any of its tracks
        };
    }

    public static Job queued(String id, String owner, GenerationRequest request, LoopSpec spec, Charge charge,
            String engine, Instant now) {
        return new Job(id, owner, TrackStatus.QUEUED, spec, request.params(), request.prompt(), request.share(),
                charge, engine, null, false, false, null, null, now, now, null);
    }

    /** A kit's own job: one job, charged {@code charge.units()} units, that renders every part. */
    public static Job queuedKit(String id, String owner, GenerationRequest request, LoopSpec spec, Charge charge,
            String engine, Instant now) {
        return new Job(id, owner, TrackStatus.QUEUED, spec, request.params(), request.prompt(), false, charge, engine,
                null, false, false, null, null, now, now, null, false, KitLink.kit(id));
    }

    /**
     * One part of a made kit as a ready track of its own ({@link KitPart#trackId} of the kit's id): nothing
     * charged and no slot held (the kit's job holds them), never shared to the channels.
     */
    public static Job kitPart(Job kitJob, KitPart part, JobStore.ReadyTrack ready, Instant now) {
        LoopSpec spec = kitJob.spec();
        LoopSpec partSpec = new LoopSpec(spec.mode(), part.loopType().orElse(spec.type()), spec.bpm(), ready.bars(),
                spec.key(), spec.seed(), spec.intensity(), spec.dark(), spec.ambient(), spec.energetic(),
                spec.styleWords(), spec.prompt());
        return new Job(part.trackId(kitJob.id()), kitJob.owner(), TrackStatus.READY, partSpec, kitJob.params(),
                kitJob.userPrompt(), false, Charge.none(), ready.engine(), ready.measuredBpm(), ready.hasMp3(),
                ready.hasWaveform(), null, null, now, now, null, ready.hasMidi(), new KitLink(kitJob.id(), part));
    }

    /** What a failure gave back, as its message says it: "your unit was given back", or "your 4 units..." for a kit. */
    public String unitsGivenBack() {
        return charge.units() > 1 ? "your " + charge.units() + " units were given back" : "your unit was given back";
    }

    /** Whether this is a kit's own job (not a track, nor one of a kit's part tracks). */
    public boolean isKit() {
        return kit != null && kit.part() == null;
    }

    /** The part this track plays in its kit; empty for a track on its own (and for the kit's own job). */
    public Optional<KitPart> kitPart() {
        return kit == null ? Optional.empty() : Optional.ofNullable(kit.part());
    }

    /** Length of the file: its bars at the tempo it really has (the measured one for an AI engine's loop). */
    public double durationSeconds() {
        double tempo = measuredBpm != null && measuredBpm > 0 ? measuredBpm : spec.bpm();
        return LoopSpec.framesFor(tempo, spec.bars()) / (double) LoopSpec.SAMPLE_RATE;
    }

    /**
     * The DAW-friendly download name of SPEC §3: cloudmusic_&lt;type&gt;_&lt;bpm&gt;bpm_&lt;key&gt;_&lt;bars&gt;bar_&lt;id8&gt;.wav;
     * a kit's part is named as in the kit's ZIP.
     */
    public String fileName(String extension) {
        if (kit != null && kit.part() != null) {
            return TrackNames.kitFileName(kit.kitId(), kit.part(), spec.bpm(), spec.key(), extension);
        }
        return TrackNames.fileName(spec, id, extension);
    }
}
