package com.cloudmusic.tracks;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The public {@code Track} shape of SPEC §2; the owner's fingerprint and the charge are never shown.
 * {@code formats} lists the files a ready track has ("wav", "mp3", "mid"): an AI engine's loop has no MIDI.
 * A kit's part is a track like any other; its {@code type} is the part ("kick" ... "riser", or "mix").
 */
public record TrackView(
        String id,
        String status,
        String mode,
        String type,
        Map<String, Object> params,
        String prompt,
        String engine,
        int bpm,
        Double measuredBpm,
        int bars,
        String key,
        String seed,
        double durationSeconds,
        String audioUrl,
        String mp3Url,
        String waveformUrl,
        String midiUrl,
        List<String> formats,
        String fileName,
        Boolean share,
        Map<String, String> error,
        @JsonSerialize(using = ToStringSerializer.class) Instant createdAt,
        @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt) {

    public static TrackView of(Job job) {
        boolean ready = job.status() == TrackStatus.READY;
        String base = "/v1/tracks/" + job.id();
        return new TrackView(
                job.id(),
                job.status().wireName(),
                job.spec().mode().wireName(),
                job.kitPart().map(part -> part.wireName()).orElse(job.spec().type().wireName()),
                job.params(),
                job.userPrompt() != null ? job.userPrompt() : job.spec().prompt(),
                job.engine(),
                job.spec().bpm(),
                job.measuredBpm(),
                job.spec().bars(),
                job.spec().key(),
                // As a string: a 64-bit seed does not survive JavaScript's numbers.
                Long.toString(job.spec().seed()),
                Math.round(job.durationSeconds() * 1000) / 1000.0,
                ready ? base + "/audio" : null,
                ready && job.hasMp3() ? base + "/audio?format=mp3" : null,
                ready && job.hasWaveform() ? base + "/waveform" : null,
                job.has(TrackFile.MID) ? base + "/audio?format=mid" : null,
                job.formats().stream().map(TrackFile::extension).toList(),
                job.fileName("wav"),
                job.share(),
                job.status() == TrackStatus.FAILED
                        ? Map.of("code", String.valueOf(job.errorCode()), "message", String.valueOf(job.errorMessage()))
                        : null,
                job.createdAt(),
                job.updatedAt());
    }
}
