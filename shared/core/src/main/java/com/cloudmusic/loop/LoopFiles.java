package com.cloudmusic.loop;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything stored for one track: the DAW-ready WAV and, where made, an MP3 rendition, a waveform
 * picture and the notes as a Standard MIDI File (SPEC §6: tracks/&lt;id&gt;.wav, .mp3, .png, .mid).
 */
public record LoopFiles(byte[] wav, byte[] mp3, byte[] png, byte[] mid) {

    public LoopFiles {
        Objects.requireNonNull(wav, "wav == null");
    }

    /** Files of a loop whose notes are not known (no MIDI). */
    public LoopFiles(byte[] wav, byte[] mp3, byte[] png) {
        this(wav, mp3, png, null);
    }

    public Optional<byte[]> mp3Rendition() {
        return Optional.ofNullable(mp3);
    }

    public Optional<byte[]> waveformPng() {
        return Optional.ofNullable(png);
    }

    public Optional<byte[]> midiFile() {
        return Optional.ofNullable(mid);
    }
}
