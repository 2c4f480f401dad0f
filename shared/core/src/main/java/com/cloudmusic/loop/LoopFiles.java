package com.cloudmusic.loop;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything stored for one track: the DAW-ready WAV and, where made, an MP3 rendition and a waveform
 * picture (SPEC §6: tracks/&lt;id&gt;.wav, .mp3, .png).
 */
public record LoopFiles(byte[] wav, byte[] mp3, byte[] png) {

    public LoopFiles {
        Objects.requireNonNull(wav, "wav == null");
    }

    public Optional<byte[]> mp3Rendition() {
        return Optional.ofNullable(mp3);
    }

    public Optional<byte[]> waveformPng() {
        return Optional.ofNullable(png);
    }
}
