package com.cloudmusic.engine.procedural;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The listening figures of the README, measured: for every type and mood the mono-sum loss and the
 * similarity of five seeds, the kick's click and tail, the bass's DC, infrasound and stereo sub, the
 * texture's top end and movement, the riser's build. Writes every render as a WAV for spectrograms. Run
 * (after {@code mvn -B -o -q -pl shared/sound -am test-compile}):
 * <pre>
 * java -cp shared/core/target/classes:shared/sound/target/classes:shared/sound/target/test-classes \
 *     com.cloudmusic.engine.procedural.SoundCheck /tmp/sounds
 * </pre>
 */
public final class SoundCheck {

    static final String[] MOODS = {"plain", "dark", "ambient", "energetic"};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/sounds");
        Files.createDirectories(out);
        ProceduralEngine engine = new ProceduralEngine();
        System.out.println("type     mood       5-seed similarity  mono loss dB  >2kHz share  LUFS");
        for (LoopType type : LoopType.values()) {
            for (String mood : MOODS) {
                LoopSpec spec = spec(type, mood, 120, 4, 1);
                RenderedLoop loop = engine.render(spec, null);
                Files.write(out.resolve(type.wireName() + "-" + mood + ".wav"),
                        WavWriter.write(loop, new WavWriter.Info(type.wireName() + " " + mood, null)));
                System.out.printf("%-8s %-10s %8.2f           %6.2f        %5.1f %%     %.1f%n", type.wireName(), mood,
                        similarity(engine, type, mood, 120), Measure.monoLossDb(loop.left(), loop.right()),
                        100 * Measure.bandShare(loop.left(), loop.right(), 2000, 22050),
                        Loudness.integratedLufs(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE));
            }
        }
        System.out.println();
        System.out.println("kick: click (>2 kHz, first 10 ms) vs body (first 100 ms), tail before the next hit");
        for (int bpm : new int[] {70, 90, 124, 140, 174, 180}) {
            for (String mood : MOODS) {
                LoopSpec spec = spec(LoopType.KICK, mood, bpm, 4, 3);
                Score score = engine.compose(spec);
                RenderedLoop loop = engine.render(score);
                System.out.printf("  %3d BPM %-10s %-18s click %6.1f dB  tail %6.1f dB%n", bpm, mood, score.groove().feel(),
                        clickDb(loop, score), worstTailDb(loop, score));
            }
        }
        System.out.println();
        System.out.println("bass: DC, energy under 20 Hz, side vs mid under 120 Hz");
        for (String mood : MOODS) {
            for (List<String> words : List.of(List.<String>of(), List.of("trap", "808"))) {
                LoopSpec spec = words.isEmpty() ? spec(LoopType.BASS, mood, 120, 4, 5)
                        : new LoopSpec(Mode.ADVANCED, LoopType.BASS, 140, 4, "Fm", 5, 3, mood.equals("dark"),
                        mood.equals("ambient"), mood.equals("energetic"), words, String.join(" ", words));
                RenderedLoop loop = engine.render(spec, null);
                System.out.printf("  %-10s %-10s DC %6.1f dBFS  <20 Hz %6.1f dB  side/mid<120 Hz %6.1f dB  <60 Hz share %4.0f %%%n",
                        mood, String.join(" ", words), Math.max(Measure.dcDb(loop.left()), Measure.dcDb(loop.right())),
                        Measure.db(Measure.bandShare(loop.left(), loop.right(), 0, 20)), subSideDb(loop),
                        100 * Measure.bandShare(loop.left(), loop.right(), 0, 60));
            }
        }
        printRoll(engine);
    }

    static void printRoll(ProceduralEngine engine) {
        System.out.println();
        System.out.println("riser: roll over the wash in the build's last quarter (hit vs before the next), seeds 1-8");
        for (String mood : MOODS) {
            for (int intensity = 3; intensity <= 5; intensity++) {
                double worst = Double.MAX_VALUE, best = -Double.MAX_VALUE;
                for (long seed = 1; seed <= 8; seed++) {
                    double db = rollDb(engine, new LoopSpec(Mode.GUIDED, LoopType.RISER, 128, 4, "Am", seed, intensity,
                            mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"), List.of(), ""));
                    worst = Math.min(worst, db);
                    best = Math.max(best, db);
                }
                System.out.printf("  %-10s intensity %d  %4.1f .. %4.1f dB%n", mood, intensity, worst, best);
            }
        }
    }

    static LoopSpec spec(LoopType type, String mood, int bpm, int bars, long seed) {
        return new LoopSpec(Mode.GUIDED, type, bpm, bars, "F#m", seed, 3, mood.equals("dark"), mood.equals("ambient"),
                mood.equals("energetic"), List.of(), "");
    }

    /** Mean pairwise correlation of the log-spectrograms of five seeds of one request. */
    static double similarity(ProceduralEngine engine, LoopType type, String mood, int bpm) {
        double[][] s = new double[5][];
        for (int k = 0; k < 5; k++) {
            RenderedLoop loop = engine.render(spec(type, mood, bpm, 4, 1000 + 7919L * k), null);
            s[k] = Measure.logSpectrogram(loop.left(), loop.right());
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                sum += Measure.correlation(s[a], s[b]);
                pairs++;
            }
        }
        return sum / pairs;
    }

    /**
     * How far the riser's roll stands out in the last quarter of its build: the median over its hits of the
     * energy of the 12 ms after a hit against the 12 ms before the next one, in dB.
     */
    static double rollDb(ProceduralEngine engine, LoopSpec spec) {
        Score score = engine.compose(spec);
        RenderedLoop loop = engine.render(score);
        double framesPerTick = 60.0 * LoopSpec.SAMPLE_RATE / spec.bpm() / Score.TICKS_PER_BEAT;
        int buildEnd = score.part("impact").map(p -> (int) Math.round(p.notes().get(0).start() * framesPerTick))
                .orElse(loop.frames());
        List<Note> roll = score.part("roll").orElseThrow().notes();
        int window = LoopSpec.SAMPLE_RATE * 12 / 1000;
        List<Double> ratios = new java.util.ArrayList<>();
        for (int k = 0; k + 1 < roll.size(); k++) {
            int at = (int) Math.round(roll.get(k).start() * framesPerTick);
            int next = (int) Math.round(roll.get(k + 1).start() * framesPerTick);
            if (at >= buildEnd * 3 / 4 && next - at >= 2 * window) {
                ratios.add(Measure.db(Measure.energy(loop.left(), at, at + window)
                        / Measure.energy(loop.left(), next - window, next)));
            }
        }
        java.util.Collections.sort(ratios);
        return ratios.get(ratios.size() / 2);
    }

    /** Median over main hits of the click's energy above 2 kHz in the first 10 ms against the first 100 ms. */
    static double clickDb(RenderedLoop loop, Score score) {
        float[] high = Measure.highPass(loop.left(), 2000);
        double framesPerTick = 60.0 * LoopSpec.SAMPLE_RATE / score.bpm() / Score.TICKS_PER_BEAT;
        double[] values = score.part("kick").orElseThrow().notes().stream().filter(n -> n.velocity() >= 100)
                .mapToDouble(n -> {
                    int at = (int) Math.round(n.start() * framesPerTick);
                    double click = Measure.energy(high, at, at + 441) * 441;
                    double body = Measure.energy(loop.left(), at, at + 4410) * 4410;
                    return Measure.db(click / body);
                }).sorted().toArray();
        return values[values.length / 2];
    }

    /**
     * The loudest tail of any hit over the 10 ms before the next hit starts, against that hit's own first
     * 100 ms (or less when the next hit comes sooner), in dB.
     */
    static double worstTailDb(RenderedLoop loop, Score score) {
        double framesPerTick = 60.0 * LoopSpec.SAMPLE_RATE / score.bpm() / Score.TICKS_PER_BEAT;
        List<Note> hits = score.part("kick").orElseThrow().notes();
        double worst = -200;
        for (int k = 0; k < hits.size(); k++) {
            int at = (int) Math.round(hits.get(k).start() * framesPerTick);
            int next = k + 1 < hits.size() ? (int) Math.round(hits.get(k + 1).start() * framesPerTick)
                    : loop.frames() + (int) Math.round(hits.get(0).start() * framesPerTick);
            float[] x = loop.left();
            double tail = next <= x.length ? Measure.energy(x, next - 441, next)
                    : Measure.energy(x, next - x.length - 441, next - x.length); // across the seam
            double body = Measure.energy(x, at, Math.min(at + 4410, next));
            worst = Math.max(worst, Measure.db(tail / body));
        }
        return worst;
    }

    /** Side energy under 120 Hz against mid energy under 120 Hz, in dB. */
    static double subSideDb(RenderedLoop loop) {
        int n = loop.frames();
        float[] mid = new float[n];
        float[] side = new float[n];
        for (int i = 0; i < n; i++) {
            mid[i] = (loop.left()[i] + loop.right()[i]) / 2;
            side[i] = (loop.left()[i] - loop.right()[i]) / 2;
        }
        float[] m = Measure.lowPass(mid, 120);
        float[] s = Measure.lowPass(side, 120);
        return Measure.db(Measure.energy(s, 0, n) / Measure.energy(m, 0, n));
    }
}
