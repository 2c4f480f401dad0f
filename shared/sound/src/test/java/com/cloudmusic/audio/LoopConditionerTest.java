package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.audio.ModelOutputFixtures.Format;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopConditionerTest {

    private static LoopSpec asked(LoopType type, int bpm, int bars) {
        return new LoopSpec(Mode.GUIDED, type, bpm, bars, "Am", 5, 3, false, false, false, List.of(), "");
    }

    private static LoopConditioner.Conditioned condition(byte[] wav, LoopSpec spec) throws EngineException {
        return LoopConditioner.condition(wav, spec, "replicate");
    }

    @Test
    void condition_measuresTheTempoActuallyPlayed_whenTheModelRan5PercentSlow_at32kHzMono() throws Exception {
        // Asked for 120 BPM, the "model" played 114: 32 kHz, mono, 16-bit, not starting on a beat.
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.KICK, 114, 19, 0.37, 32_000, 1, Format.PCM16);
        LoopSpec spec = asked(LoopType.KICK, 120, 8);

        RenderedLoop loop = condition(wav, spec).loop();

        assertThat(loop.measuredBpm()).isCloseTo(114, within(114 * 0.02));
        assertThat(loop.bpm()).isEqualTo(loop.measuredBpm());
        assertThat(loop.engine()).isEqualTo("replicate");
        assertThat(loop.bars()).isEqualTo(spec.bars());
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(loop.measuredBpm(), loop.bars()));
    }

    @Test
    void condition_handles48kHzFloatStereo_fromAModelPlaying5PercentFast() throws Exception {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.BASS, 126, 10, 0.21, 48_000, 2, Format.FLOAT32);
        LoopSpec spec = asked(LoopType.BASS, 120, 4);

        RenderedLoop loop = condition(wav, spec).loop();

        assertThat(loop.measuredBpm()).isCloseTo(126, within(126 * 0.02));
        assertThat(loop.bars()).isEqualTo(4);
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(loop.measuredBpm(), 4));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void condition_readsEverySampleFormatModelsReturn(Format format) throws Exception {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.KICK, 100, 6, 0.1, 24_000, 2, format);

        RenderedLoop loop = condition(wav, asked(LoopType.KICK, 100, 2)).loop();

        assertThat(loop.measuredBpm()).isCloseTo(100, within(2.0));
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(loop.bpm(), loop.bars()));
    }

    @Test
    void condition_startsTheLoopOnABeat() throws Exception {
        double offset = 0.37;
        int trueBpm = 114;
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.KICK, trueBpm, 19, offset, 44_100, 2, Format.PCM16);

        LoopConditioner.Conditioned result = condition(wav, asked(LoopType.KICK, 120, 8));

        // Beats of the fixture fall at k * beat - offset; the cut must land on one (within 15 ms).
        double beat = 60.0 / trueBpm;
        double start = result.startFrame() / 44_100.0 + offset;
        double fromBeat = Math.abs(start / beat - Math.round(start / beat)) * beat;
        assertThat(fromBeat).isLessThan(0.015);
    }

    @Test
    void condition_leavesASeamlessSeam() throws Exception {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.BASS, 114, 19, 0.37, 32_000, 1, Format.PCM16);

        RenderedLoop loop = condition(wav, asked(LoopType.BASS, 120, 8)).loop();

        for (float[] channel : new float[][] {loop.left(), loop.right()}) {
            float largestInside = 0;
            for (int i = 1; i < channel.length; i++) {
                largestInside = Math.max(largestInside, Math.abs(channel[i] - channel[i - 1]));
            }
            float acrossSeam = Math.abs(channel[0] - channel[channel.length - 1]);
            assertThat(acrossSeam).isLessThanOrEqualTo(largestInside);
        }
    }

    @Test
    void condition_normalisesLoudnessLikeTheProceduralEngine() throws Exception {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.BASS, 114, 19, 0.37, 32_000, 1, Format.PCM16);

        RenderedLoop loop = condition(wav, asked(LoopType.BASS, 120, 8)).loop();

        assertThat(Loudness.integratedLufs(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE))
                .isCloseTo(Loudness.TARGET_LUFS, within(0.5));
        assertThat(Loudness.toDb(Loudness.truePeak(loop.left(), loop.right())))
                .isLessThanOrEqualTo(Loudness.CEILING_DBTP + 0.05);
    }

    @Test
    void condition_writesTheMeasuredTempoIntoAcid_andExactLoopPointsIntoSmpl() throws Exception {
        byte[] model = ModelOutputFixtures.modelWav(LoopType.KICK, 114, 19, 0.37, 32_000, 1, Format.PCM16);
        RenderedLoop loop = condition(model, asked(LoopType.KICK, 120, 8)).loop();

        WavFile file = WavFile.parse(WavWriter.write(loop, new WavWriter.Info("t", null)));

        assertThat(file.sampleRate()).isEqualTo(44_100);
        assertThat(file.channels()).isEqualTo(2);
        assertThat(file.bitsPerSample()).isEqualTo(16);
        assertThat(file.frames()).isEqualTo(loop.frames());
        ByteBuffer acid = ByteBuffer.wrap(file.chunk("acid").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(acid.getInt(12)).isEqualTo(loop.bars() * 4);
        assertThat((double) acid.getFloat(20)).isCloseTo(loop.measuredBpm(), within(0.001));
        ByteBuffer smpl = ByteBuffer.wrap(file.chunk("smpl").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(smpl.getInt(28)).isEqualTo(1);
        assertThat(smpl.getInt(36 + 8)).isZero();
        assertThat(smpl.getInt(36 + 12)).isEqualTo(loop.frames() - 1);
        // Exact whole bars at the tempo the file states.
        assertThat(file.frames()).isEqualTo(LoopSpec.framesFor(acid.getFloat(20), acid.getInt(12) / 4));
    }

    @Test
    void condition_keepsFewerWholeBars_whenTheModelReturnedLessThanAsked() throws Exception {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.KICK, 120, 5.5, 0.1, 32_000, 1, Format.PCM16);

        RenderedLoop loop = condition(wav, asked(LoopType.KICK, 120, 4)).loop();

        assertThat(loop.bars()).isEqualTo(2);
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(loop.bpm(), 2));
    }

    @Test
    void condition_failsWithOutputTooShort_whenLessThanOneBarCameBack() {
        byte[] wav = ModelOutputFixtures.modelWav(LoopType.KICK, 120, 1.2, 0, 32_000, 1, Format.PCM16);

        assertThatThrownBy(() -> condition(wav, asked(LoopType.KICK, 120, 4)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("output_too_short");
                    assertThat(e.permanent()).isTrue();
                });
    }

    @Test
    void condition_failsWithOutputUnreadable_forBytesThatAreNoWav() {
        assertThatThrownBy(() -> condition("ID3 this is an mp3".getBytes(), asked(LoopType.KICK, 120, 4)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("output_unreadable");
                    assertThat(e.permanent()).isTrue();
                });
    }
}
