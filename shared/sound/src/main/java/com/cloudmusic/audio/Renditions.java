package com.cloudmusic.audio;

import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.RenderedLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Makes every file stored for a loop: the WAV, an MP3 at 192 kbps, the waveform PNG and the engine's MIDI, if any. */
public final class Renditions {

    /** MP3 rendition bit rate. */
    public static final int MP3_KBPS = 192;

    /** The encoder the services use. */
    public static final LoopEncoder ENCODER = (loop, title, comment) -> render(loop, new WavWriter.Info(title, comment));

    private Renditions() {
    }

    /**
     * The MP3 takes most of the time, so the picture and the WAV are made on a second thread meanwhile;
     * each file depends only on the loop, so the bytes are the same as one after the other.
     */
    public static LoopFiles render(RenderedLoop loop, WavWriter.Info info) {
        CompletableFuture<byte[]> png = CompletableFuture.supplyAsync(() -> WaveformPicture.png(loop.left(), loop.right()));
        CompletableFuture<byte[]> wav = png.thenApply(picture -> WavWriter.write(loop, info));
        byte[] mp3 = Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, MP3_KBPS);
        try {
            return new LoopFiles(wav.join(), mp3, png.join(), loop.midi());
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
