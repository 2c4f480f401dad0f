package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MP3 rendition loops like the WAV: a gapless decoder gives back exactly its frames, sample-aligned. */
class Mp3GaplessTest {

    private static RenderedLoop loop(LoopType type, int bpm, int bars) {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, type, bpm, bars, "F#m", 7, 3, false, type == LoopType.TEXTURE, false,
                List.of(), "");
        return new ProceduralEngine().render(spec, EngineContext.detached("gapless"));
    }

    private static byte[] mp3(RenderedLoop loop) {
        return Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, Renditions.MP3_KBPS);
    }

    @ParameterizedTest(name = "{0} at {1} BPM, {2} bars")
    @CsvSource({"BASS, 124, 1", "KICK, 97, 2", "TEXTURE, 174, 4", "RISER, 140, 2"})
    void decode_givesBackExactlyTheWavsFrames(LoopType type, int bpm, int bars) {
        RenderedLoop loop = loop(type, bpm, bars);

        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(mp3(loop));

        assertThat(decoded.tagged()).as("LAME info tag present").isTrue();
        assertThat(decoded.frames()).isEqualTo(loop.frames());
        assertThat(decoded.sampleRate()).isEqualTo(LoopSpec.SAMPLE_RATE);
    }

    @Test
    void infoTag_carriesLamesEncoderDelay_andAPaddingThatFillsTheLastFrame() {
        RenderedLoop loop = loop(LoopType.BASS, 124, 1);

        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(mp3(loop));

        assertThat(decoded.encoderDelay()).isEqualTo(576);
        assertThat((decoded.encoderDelay() + loop.frames() + decoded.encoderPadding()) % 1152).isZero();
    }

    @Test
    void decode_isSampleAlignedWithTheWav_soTheSeamMatchesTheWavsSeam() {
        RenderedLoop loop = loop(LoopType.BASS, 124, 2);
        short[] wav = pcm16(loop.left());

        short[] decoded = Mp3Decoder.decode(mp3(loop)).left();

        double atZero = errorEnergy(wav, decoded, 0);
        for (int lag = 1; lag <= 1200; lag++) {
            assertThat(errorEnergy(wav, decoded, lag)).as("lag +%d", lag).isGreaterThan(atZero);
            assertThat(errorEnergy(wav, decoded, -lag)).as("lag -%d", lag).isGreaterThan(atZero);
        }
        // Aligned, what is left is the coding noise alone: well below the signal.
        assertThat(10 * Math.log10(atZero / errorEnergy(wav, new short[wav.length], 0))).isLessThan(-20);
    }

    @Test
    void decode_ofAnUntaggedStream_keepsEveryDecodedFrame() {
        RenderedLoop loop = loop(LoopType.KICK, 124, 1);
        byte[] mp3 = mp3(loop);
        // Blank out the info tag's frame body as if the encoder had never written one.
        byte[] untagged = mp3.clone();
        java.util.Arrays.fill(untagged, 4, 200, (byte) 0);

        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(untagged);

        assertThat(decoded.tagged()).isFalse();
        assertThat(decoded.frames()).isGreaterThan(loop.frames() + 1152);
    }

    private static short[] pcm16(float[] samples) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = WavWriter.toPcm16(samples[i]);
        }
        return out;
    }

    /** Sum of squared differences over 0.75 s after the first beat, the decoded stream shifted by lag. */
    private static double errorEnergy(short[] reference, short[] decoded, int lag) {
        double sum = 0;
        for (int i = 22_050; i < 22_050 + 32_768; i++) {
            double d = decoded[i + lag] - (double) reference[i];
            sum += d * d;
        }
        return sum;
    }
}
