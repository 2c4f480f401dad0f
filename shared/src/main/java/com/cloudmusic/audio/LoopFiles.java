package com.cloudmusic.audio;

import com.cloudmusic.engine.LoopSpec;
import com.cloudmusic.engine.RenderedLoop;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    /** MP3 rendition bit rate. */
    public static final int MP3_KBPS = 192;

    /**
     * Renders every file for a loop: the WAV, an MP3 at 192 kbps and the waveform PNG. The MP3 takes most
     * of the time, so the picture and the WAV are made on a second thread meanwhile; each file depends only
     * on the loop, so the bytes are the same as one after the other.
     */
    public static LoopFiles render(RenderedLoop loop, WavWriter.Info info) {
        CompletableFuture<byte[]> png = CompletableFuture.supplyAsync(() -> WaveformPicture.png(loop.left(), loop.right()));
        CompletableFuture<byte[]> wav = png.thenApply(picture -> WavWriter.write(loop, info));
        byte[] mp3 = Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, MP3_KBPS);
        try {
            return new LoopFiles(wav.join(), mp3, png.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
