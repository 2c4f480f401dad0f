package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.Engines;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProceduralEngineTest {

    private final ProceduralEngine engine = new ProceduralEngine();

    private static LoopSpec guided(LoopType type, int bpm, int bars, String key, long seed, int intensity,
                                   boolean dark, boolean ambient, boolean energetic) {
        return new LoopSpec(Mode.GUIDED, type, bpm, bars, key, seed, intensity, dark, ambient, energetic, List.of(), "");
    }

    private RenderedLoop render(LoopSpec spec) {
        return engine.render(spec, EngineContext.detached("test"));
    }

    static Stream<Arguments> everyTypeMoodAndIntensityExtreme() {
        List<Arguments> cases = new ArrayList<>();
        for (LoopType type : LoopType.values()) {
            for (String mood : new String[] {"none", "dark", "ambient", "energetic"}) {
                for (int intensity : new int[] {1, 5}) {
                    cases.add(Arguments.of(type, mood, intensity));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} intensity {2}")
    @MethodSource("everyTypeMoodAndIntensityExtreme")
    void render_writesDawReadyWav_forEveryTypeMoodAndIntensity(LoopType type, String mood, int intensity)
            throws Exception {
        int bpm = 128;
        int bars = type == LoopType.TEXTURE ? 2 : 1;
        LoopSpec spec = guided(type, bpm, bars, "F#m", 7, intensity,
                mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"));

        RenderedLoop loop = render(spec);
        byte[] wav = WavWriter.write(loop, new WavWriter.Info("test", null));

        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(44_100f);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getChannels()).isEqualTo(2);
            assertThat(in.getFrameLength()).isEqualTo(LoopSpec.framesFor(bpm, bars));
        }
        WavFile file = WavFile.parse(wav);
        assertThat(file.frames()).isEqualTo(spec.frames());
        ByteBuffer acid = ByteBuffer.wrap(file.chunk("acid").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(acid.getInt(0) & 1).isEqualTo(type == LoopType.RISER ? 1 : 0);
        assertThat(acid.getShort(4)).isEqualTo((short) (12 * 4 + 6)); // F# in octave 3
        assertThat(acid.getInt(12)).isEqualTo(bars * 4);
        assertThat(acid.getFloat(20)).isEqualTo((float) bpm);
        ByteBuffer smpl = ByteBuffer.wrap(file.chunk("smpl").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);
        if (type == LoopType.RISER) {
            assertThat(smpl.getInt(28)).isZero();
        } else {
            assertThat(smpl.getInt(28)).isEqualTo(1);
            assertThat(smpl.getInt(36 + 8)).isZero();
            assertThat(smpl.getInt(36 + 12)).isEqualTo(spec.frames() - 1);
        }
        assertThat(loop.oneShot()).isEqualTo(type == LoopType.RISER);
        assertThat(Loudness.samplePeak(loop.left(), loop.right())).isLessThan(1.0);
    }

    @ParameterizedTest(name = "{0} at {1} BPM")
    @MethodSource("tempoCases")
    void render_locksToRequestedTempo_measuredFromOnsets(LoopType type, int bpm) {
        // Four on the floor at every tempo, so the pulse an estimator finds is the beat.
        RenderedLoop loop = render(new LoopSpec(Mode.ADVANCED, type, bpm, 4, "Am", 11, 3, false, false, false,
                List.of("techno"), "techno"));

        double measured = TempoEstimator.estimate(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE);

        assertThat(measured).isCloseTo(bpm, within(bpm * 0.02));
    }

    static Stream<Arguments> tempoCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int bpm : new int[] {70, 95, 124, 150, 180}) {
            cases.add(Arguments.of(LoopType.KICK, bpm));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "bass at {0} BPM")
    @ValueSource(ints = {70, 95, 124, 150, 180})
    void render_startsEveryBassNoteWhereTheScorePutsIt(int bpm) {
        LoopSpec spec = guided(LoopType.BASS, bpm, 4, "Am", 11, 3, false, false, false);
        com.cloudmusic.engine.score.Score score = engine.compose(spec);
        RenderedLoop loop = engine.render(score);
        double framesPerTick = 60.0 * LoopSpec.SAMPLE_RATE / bpm / com.cloudmusic.engine.score.Score.TICKS_PER_BEAT;
        int window = LoopSpec.SAMPLE_RATE / 100;

        // Notes after a rest of at least 20 ms: a legato note need not rise above the one it follows.
        var all = score.part("bass").orElseThrow().notes();
        var notes = java.util.stream.IntStream.range(1, all.size())
                .filter(k -> (all.get(k).start() - all.get(k - 1).end()) * framesPerTick >= 2 * window)
                .mapToObj(all::get).toList();
        long rising = notes.stream().filter(n -> {
            int at = (int) Math.round(n.start() * framesPerTick);
            return rms(loop.left(), at, at + window) > 1.5 * rms(loop.left(), at - window, at);
        }).count();

        assertThat(notes).isNotEmpty();
        assertThat(rising).isGreaterThanOrEqualTo(Math.round(notes.size() * 0.85));
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void render_isSeamless_acrossLoopBoundary(LoopType type) {
        for (boolean ambient : new boolean[] {false, true}) {
            RenderedLoop loop = render(guided(type, 100, 2, "Dm", 5, 4, false, ambient, false));
            for (float[] channel : new float[][] {loop.left(), loop.right()}) {
                double inside = 0;
                for (int i = 1; i < channel.length; i++) {
                    inside = Math.max(inside, Math.abs(channel[i] - channel[i - 1]));
                }
                double seam = Math.abs(channel[0] - channel[channel.length - 1]);
                assertThat(seam).as("%s ambient=%s", type, ambient).isLessThanOrEqualTo(inside);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void render_hitsMinus14Lufs_withPeakUnderMinus1Dbfs(LoopType type) {
        RenderedLoop loop = render(guided(type, 120, 4, "C", 3, 3, false, false, true));

        double lufs = Loudness.integratedLufs(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE);
        double peakDb = Loudness.toDb(Loudness.samplePeak(loop.left(), loop.right()));
        double sumSquares = 0;
        for (int i = 0; i < loop.frames(); i++) {
            sumSquares += loop.left()[i] * loop.left()[i] + loop.right()[i] * loop.right()[i];
        }
        double rmsDb = Loudness.toDb(Math.sqrt(sumSquares / (2.0 * loop.frames())));

        assertThat(lufs).isCloseTo(-14, within(1.5));
        assertThat(peakDb).isLessThanOrEqualTo(-1.0);
        assertThat(Loudness.toDb(Loudness.truePeak(loop.left(), loop.right()))).isLessThanOrEqualTo(-0.9);
        // An independent sanity check: plain RMS of a -14 LUFS loop sits within a broad band around it.
        assertThat(rmsDb).isBetween(-26.0, -8.0);
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void render_isByteIdentical_forSameSpecAndSeed(LoopType type) {
        LoopSpec spec = guided(type, 97, 2, "G#m", 123456789L, 4, true, true, false);

        byte[] first = WavWriter.write(render(spec), new WavWriter.Info("a", null));
        byte[] second = WavWriter.write(new ProceduralEngine().render(spec, EngineContext.detached("other")),
                new WavWriter.Info("a", null));

        assertThat(Arrays.equals(first, second)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void render_differsAudibly_betweenSeeds(LoopType type) {
        RenderedLoop a = render(guided(type, 120, 2, "Em", 1, 3, false, false, false));
        RenderedLoop b = render(guided(type, 120, 2, "Em", 2, 3, false, false, false));

        assertThat(spectralDistance(a.left(), b.left())).isGreaterThan(0.05);
    }

    /** Normalised distance between magnitude spectra of consecutive 2048-sample frames. */
    private static double spectralDistance(float[] a, float[] b) {
        int size = 2048;
        double diff = 0, total = 0;
        for (int start = 0; start + size <= Math.min(a.length, b.length); start += size) {
            double[] ma = magnitudes(a, start, size);
            double[] mb = magnitudes(b, start, size);
            for (int k = 0; k < ma.length; k++) {
                diff += Math.abs(ma[k] - mb[k]);
                total += ma[k] + mb[k];
            }
        }
        return diff / total;
    }

    private static double[] magnitudes(float[] x, int start, int size) {
        int bins = 128; // coarse DFT at 64 log-spaced frequencies is enough to tell two loops apart
        double[] out = new double[bins];
        for (int k = 0; k < bins; k++) {
            double hz = 30 * Math.pow(2, k / 16.0);
            double w = 2 * Math.PI * hz / LoopSpec.SAMPLE_RATE;
            double re = 0, im = 0;
            for (int i = 0; i < size; i++) {
                re += x[start + i] * Math.cos(w * i);
                im += x[start + i] * Math.sin(w * i);
            }
            out[k] = Math.hypot(re, im);
        }
        return out;
    }

    @Test
    void render_keepsTheKeysSpelling_minorWhenDark() {
        assertThat(render(guided(LoopType.BASS, 120, 1, "Gb", 1, 3, false, false, false)).key()).isEqualTo("Gb");
        assertThat(render(guided(LoopType.BASS, 120, 1, "Gb", 1, 3, true, false, false)).key()).isEqualTo("Gbm");
        assertThat(render(guided(LoopType.BASS, 120, 1, "F#m", 1, 3, false, false, false)).key()).isEqualTo("F#m");
    }

    @Test
    void render_followsPromptStyleWords_inAdvancedMode() {
        List<List<String>> styles = List.of(List.of("techno"), List.of("dnb"), List.of("trap", "808"),
                List.of("lofi", "piano"), List.of("ambient", "strings"), List.of("house", "pluck"), List.of("bells"),
                List.of());
        for (LoopType type : LoopType.values()) {
            for (List<String> words : styles) {
                LoopSpec spec = new LoopSpec(Mode.ADVANCED, type, 140, 2, "Cm", 9, 3, false, false, false, words,
                        String.join(" ", words));
                RenderedLoop loop = render(spec);
                assertThat(Loudness.integratedLufs(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE))
                        .as("%s %s", type, words).isCloseTo(-14, within(1.5));
            }
        }
        LoopSpec trap = new LoopSpec(Mode.ADVANCED, LoopType.KICK, 140, 2, "Cm", 9, 3, false, false, false,
                List.of("trap"), "trap");
        LoopSpec techno = new LoopSpec(Mode.ADVANCED, LoopType.KICK, 140, 2, "Cm", 9, 3, false, false, false,
                List.of("techno"), "techno");
        assertThat(spectralDistance(render(trap).left(), render(techno).left())).isGreaterThan(0.1);
    }

    @Test
    void engines_named_procedural_isTheProceduralEngine() {
        assertThat(Engines.named("procedural")).isInstanceOf(ProceduralEngine.class);
        assertThat(Engines.named("procedural").name()).isEqualTo("procedural");
    }
}
