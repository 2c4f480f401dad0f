package com.cloudmusic.tracks;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The public {@code Kit} shape of {@code GET /v1/kits/{id}}: the kit's status and what it was made from,
 * what it cost, and once ready its four stems and their mix, each a {@link TrackView} of its own, and the
 * ZIP of every part's WAV and MIDI.
 */
public record KitView(
        String id,
        String status,
        String mode,
        Map<String, Object> params,
        String prompt,
        int bpm,
        int bars,
        String key,
        String seed,
        double durationSeconds,
        int units,
        List<TrackView> parts,
        TrackView mix,
        String zipUrl,
        String zipFileName,
        Map<String, String> error,
        @JsonSerialize(using = ToStringSerializer.class) Instant createdAt,
        @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt) {

    public static KitView of(TrackService.Kit kit) {
        Job job = kit.job();
        boolean ready = job.status() == TrackStatus.READY;
        List<TrackView> stems = kit.parts().stream().filter(part -> part.kitPart().filter(p -> p.loopType().isPresent())
                .isPresent()).map(TrackView::of).toList();
        TrackView mix = kit.parts().stream().filter(part -> part.kitPart().filter(p -> p.loopType().isEmpty()).isPresent())
                .map(TrackView::of).findFirst().orElse(null);
        return new KitView(
                job.id(),
                job.status().wireName(),
                job.spec().mode().wireName(),
                job.params(),
                job.userPrompt() != null ? job.userPrompt() : job.spec().prompt(),
                job.spec().bpm(),
                job.spec().bars(),
                job.spec().key(),
                Long.toString(job.spec().seed()),
                Math.round(job.durationSeconds() * 1000) / 1000.0,
                job.charge().units(),
                stems,
                mix,
                ready ? "/v1/kits/" + job.id() + "/zip" : null,
                TrackNames.kitZipName(job.id(), job.spec().bpm(), job.spec().key()),
                job.status() == TrackStatus.FAILED
                        ? Map.of("code", String.valueOf(job.errorCode()), "message", String.valueOf(job.errorMessage()))
                        : null,
                job.createdAt(),
                job.updatedAt());
    }
}
