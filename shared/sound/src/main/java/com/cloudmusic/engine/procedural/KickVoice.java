package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kick drum: a sine body with a fast pitch sweep, tuned to the key, an exponential amplitude envelope, a
 * noise click, saturation that grows with the drive. One hit is synthesised once and stamped onto the
 * grid, which keeps rendering cheap however many hits there are.
 */
final class KickVoice {

    private KickVoice() {
    }

    /** One bar of kick steps per feel; each feel has variants the seed chooses between. */
    private static final int[][][] PATTERNS = {
            {{0, 4, 8, 12}, {0, 4, 8, 12}, {0, 4, 8, 12, 14}, {0, 4, 8, 11, 12}}, // four on the floor
            {{0, 10}, {0, 7, 10}, {0, 10, 13}, {0, 6, 10}, {0, 2, 10}}, // broken: two-step
            {{0}, {0, 14}, {0, 3}, {0, 11}, {0, 7, 14}}, // half-time: the snare would sit on 8
            {{0, 10}, {0, 6, 10}, {0, 3, 10, 14}, {0, 7, 11}, {0, 10, 11}}, // trap
            {{0, 10}, {0, 7, 10}, {0, 9, 10}, {0, 3, 10}, {0, 8, 10, 15}}, // hip-hop, boom-bap
    };
    private static final int[] GHOST_STEPS = {3, 6, 7, 11, 14, 15};
    private static final int MAIN_VELOCITY = 120;

    /** The kick's hits: a two-bar pattern of the groove, a fill closing longer phrases, ghosts and rolls. */
    static List<Part> compose(Grid grid, Groove groove, Style style, SplittableRandom rng) {
        int[][] options = PATTERNS[groove.feel().ordinal()];
        int[] a = options[rng.nextInt(options.length)];
        int[] b = groove.feel() == Groove.Feel.FOUR_ON_THE_FLOOR && rng.nextBoolean() ? a : options[rng.nextInt(options.length)];
        int[] fill = options[rng.nextInt(options.length)];
        List<Note> hits = new ArrayList<>();
        for (int bar = 0; bar < grid.bars; bar++) {
            boolean phraseEnd = grid.bars >= 4 && bar % 4 == 3;
            int[] steps = phraseEnd ? fill : bar % 2 == 1 ? b : a;
            for (int s : steps) {
                int velocity = s == 0 ? 127 : s % 4 == 0 ? MAIN_VELOCITY : 108;
                hits.add(hit(bar * 16 + s, groove, velocity));
            }
        }
        // Ghost notes: quiet off-beat 16ths, more of them with intensity and density.
        if (style.intensity() >= 3 || style.density() > 0.45) {
            int ghosts = (int) Math.round(style.density() * 3 * grid.bars);
            for (int g = 0; g < ghosts; g++) {
                int step = rng.nextInt(grid.bars) * 16 + GHOST_STEPS[rng.nextInt(GHOST_STEPS.length)];
                if (hits.stream().noneMatch(n -> n.start() == Grid.tickOf(step, groove.swing()))) {
                    hits.add(hit(step, groove, 36 + rng.nextInt(16)));
                }
            }
        }
        // Trap rolls: 32nds or triplets into the next bar at the end of every second bar.
        if (groove.feel() == Groove.Feel.TRAP && style.intensity() >= 3) {
            for (int bar = 1; bar < grid.bars; bar += 2) {
                boolean triplets = rng.nextBoolean();
                int spacing = triplets ? Score.TICKS_PER_BEAT / 6 : Score.TICKS_PER_STEP / 2;
                int from = (bar * 16 + 14) * Score.TICKS_PER_STEP;
                for (int t = from, k = 0; t < (bar + 1) * Score.TICKS_PER_BAR; t += spacing, k++) {
                    int tick = t;
                    hits.removeIf(n -> n.start() == tick);
                    hits.add(new Note(tick, spacing, Part.GM_KICK, 70 + 8 * k > 120 ? 120 : 70 + 8 * k));
                }
            }
        }
        return List.of(new Part("kick", true, hits));
    }

    private static Note hit(double step, Groove groove, int velocity) {
        return new Note(Grid.tickOf(step, groove.swing()), Score.TICKS_PER_STEP, Part.GM_KICK, velocity);
    }

    static void render(Mix mix, Grid grid, Score score, Style style, int rootPitchClass, SplittableRandom rng) {
        // Tune the body to the key: its root in E1..B1, or the fifth under a higher root (41..62 Hz).
        int midi = 28 + Math.floorMod(rootPitchClass - 4, 12);
        double tune = Dsp.midiToHz(midi > 35 ? midi - 5 : midi);
        // The seed shapes the drum itself: decay, sweep depth and click differ from one seed to the next.
        double decay = (style.sub808() ? 0.55 : 0.11 + 0.05 * (1 - style.brightness()) + 0.03 * style.softness())
                * (0.8 + 0.45 * rng.nextDouble());
        double sweepTime = (style.sub808() ? 0.045 : 0.028 - 0.006 * style.density()) * (0.75 + 0.5 * rng.nextDouble());
        double startHz = tune * (style.sub808() ? 3.2 : 4.5 + 1.5 * style.brightness()) * (0.8 + 0.4 * rng.nextDouble());
        double click = (style.feel() == Groove.Feel.HIP_HOP ? 0.12 : 0.25 + 0.25 * style.brightness())
                * (0.6 + 0.8 * rng.nextDouble());
        double drive = 1.0 + 2.5 * style.drive();

        // The kick is mono: it is stamped onto the left channel only, then copied.
        float[] hit = hit(tune, startHz, sweepTime, decay, click, drive, rng.nextLong());
        float[] ghost = hit(tune, startHz * 0.8, sweepTime, decay * 0.45, click * 0.5, drive, rng.nextLong());
        for (Note n : score.part("kick").orElseThrow().notes()) {
            boolean isGhost = n.velocity() < 64;
            stamp(mix, isGhost ? ghost : hit, grid.frameOf(n.start()), isGhost ? n.gain() : n.gain() * 127f / MAIN_VELOCITY);
        }
        System.arraycopy(mix.left, 0, mix.right, 0, mix.total);
    }

    private static void stamp(Mix mix, float[] hit, int at, float gain) {
        int n = Math.min(hit.length, mix.total - at);
        float[] l = mix.left;
        for (int i = 0; i < n; i++) {
            l[at + i] += hit[i] * gain;
        }
    }

    static float[] hit(double tune, double startHz, double sweepTime, double decay, double click, double drive,
                       long seed) {
        int length = (int) (Dsp.SR * Math.min(1.6, decay * 6.5));
        float[] out = new float[length];
        double pitchFall = Math.exp(-1.0 / (sweepTime * Dsp.SR));
        double ampFall = Math.exp(-1.0 / (decay * Dsp.SR));
        double clickFall = Math.exp(-1.0 / (0.0025 * Dsp.SR));
        Dsp.Noise noise = new Dsp.Noise(seed);
        double sweep = startHz - tune;
        double amp = 1;
        double clickAmp = click;
        double phase = 0;
        float hp = 0, lastNoise = 0;
        float inverseNorm = 1 / Dsp.softClip((float) drive);
        int attack = Dsp.SR / 2000; // 0.5 ms
        int fade = Math.min(length / 4, Dsp.SR / 100);
        for (int i = 0; i < length; i++) {
            double f = tune + sweep;
            sweep *= pitchFall;
            phase += f / Dsp.SR;
            float body = Dsp.sin(phase) * (float) amp;
            amp *= ampFall;
            float n = noise.next();
            hp = 0.6f * (hp + n - lastNoise); // one-pole high pass: a bright click, no thump
            lastNoise = n;
            float clickSample = (float) clickAmp * hp;
            clickAmp *= clickFall;
            float v = Dsp.softClip((float) drive * (body + clickSample)) * inverseNorm;
            if (i < attack) {
                v *= i / (float) attack;
            }
            if (i >= length - fade) {
                v *= (length - i) / (float) fade;
            }
            out[i] = v;
        }
        return out;
    }
}
