package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kick drum designed like a drum-synth kick: a sine body with a fast pitch envelope, tuned to the key, a
 * short hold and a decay that follows the tempo and pattern, saturation that grows with the drive, and a
 * click of high-passed noise for the transient. Patterns by feel (four on the floor, two-step, half-time,
 * trap with rolls, hip-hop), with fills and ghost notes. One hit is synthesised once and stamped onto the
 * grid, which keeps rendering cheap however many hits there are.
 */
final class KickVoice {

    private KickVoice() {
    }

    /** One bar of kick steps per feel; each feel has variants the seed chooses between. */
    private static final int[][][] PATTERNS = {
            {{0, 4, 8, 12}, {0, 4, 8, 12, 14}, {0, 4, 8, 11, 12}, {0, 4, 7, 8, 12}, {0, 4, 8, 12, 15},
                    {0, 3, 4, 8, 12}, {0, 4, 6, 8, 12}, {0, 4, 8, 10, 12}, {0, 2, 4, 8, 12}, {0, 4, 7, 8, 12, 15},
                    {0, 3, 4, 8, 11, 12}}, // four on the floor, with the seed's extra kicks
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
        int[] b = options[rng.nextInt(options.length)];
        if (b == a) { // the second bar answers the first
            b = options[(java.util.Arrays.asList(options).indexOf(a) + 1 + rng.nextInt(options.length - 1)) % options.length];
        }
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
        // Ghost notes: the seed's own figure of quiet off-beat 16ths, played every bar (a groove, not a
        // scatter), up to four of them with intensity and density; a few seeds play none.
        if (style.intensity() >= 3 || style.density() > 0.45) {
            int size = rng.nextInt(2 + (int) Math.round(3 * style.density()));
            int velocity = 36 + rng.nextInt(28);
            List<Integer> figure = new ArrayList<>();
            while (figure.size() < size) {
                int step = GHOST_STEPS[rng.nextInt(GHOST_STEPS.length)];
                if (!figure.contains(step)) {
                    figure.add(step);
                }
            }
            for (int bar = 0; bar < grid.bars; bar++) {
                for (int s : figure) {
                    int step = bar * 16 + s;
                    if (hits.stream().noneMatch(n -> n.start() == Grid.tickOf(step, groove.swing()))) {
                        hits.add(hit(step, groove, velocity - 6 * (s % 2)));
                    }
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

    /**
     * Peak level of the tail when the next hit arrives: -34 dB, which leaves the tail's energy at least
     * 24 dB under the hit's first 100 ms (the body's energy sits some 8 dB under its peak).
     */
    private static final double TAIL_AT_NEXT_HIT = 0.02;

    static void render(Mix mix, Grid grid, Score score, Style style, int rootPitchClass, SplittableRandom rng) {
        List<Note> hits = score.part("kick").orElseThrow().notes();
        // Tune the body to the key: its root in E1..B1, or the fifth under a higher root (41..62 Hz); half
        // the seeds take the fifth above a low root instead, a tighter, higher kick.
        int midi = 28 + Math.floorMod(rootPitchClass - 4, 12);
        midi = midi > 35 ? midi - 5 : rng.nextBoolean() && !style.sub808() ? midi + 7 : midi;
        double tune = Dsp.midiToHz(midi);
        // The decay follows the tempo and the pattern: each hit's tail is down by 34 dB when the next hit
        // arrives. The usual gap gets the full decay; hits closer to the next one (fills, ghosts, rolls) take
        // a shorter version, and a still closer hit chokes the one before, as on a drum machine.
        double gapSeconds = medianGap(hits, grid) / Dsp.SR;
        double wanted = (style.sub808() ? 0.5 : 0.12 + 0.06 * (1 - style.brightness()) + 0.03 * style.softness())
                * (0.55 + 0.9 * rng.nextDouble());
        double drive = 1.0 + 2.5 * style.drive() * Dsp.exp2(2 * rng.nextDouble() - 1);
        // The drive lifts the quiet tail by up to its own factor, so the decay allows for it.
        double timeConstants = Math.log(drive / TAIL_AT_NEXT_HIT);
        double hold = Math.min(0.012, gapSeconds * 0.05);
        // The seed's length of the drum: from a tight, short kick to the longest the gap allows.
        double decay = Math.min(wanted, (gapSeconds - hold) / timeConstants) * (0.45 + 0.55 * rng.nextDouble());
        // The seed shapes the drum itself: sweep depth and speed, click colour and level, drive.
        double sweepTime = (style.sub808() ? 0.04 : 0.022 - 0.006 * style.density()) * (0.5 + 1.2 * rng.nextDouble());
        double startHz = tune * (style.sub808() ? 3 : 4 + 2.5 * style.brightness()) * (0.6 + 0.9 * rng.nextDouble());
        double click = (style.feel() == Groove.Feel.HIP_HOP ? 0.5 : 0.6 + 0.4 * style.brightness())
                * (0.8 + 0.9 * rng.nextDouble());
        double clickHz = 2000 + 6000 * rng.nextDouble();
        double clickDecay = 0.0015 + 0.006 * rng.nextDouble();
        long noiseSeed = rng.nextLong();

        // The kick is mono: it is stamped onto the left channel only, then copied. Versions with shorter
        // decays are made only when a hit needs one.
        float[][] versions = new float[SHORTER_VERSIONS + 1][];
        for (int k = 0; k < hits.size(); k++) {
            Note n = hits.get(k);
            int at = grid.frameOf(n.start());
            int until = k + 1 < hits.size() ? grid.frameOf(hits.get(k + 1).start()) : mix.frames + grid.frameOf(hits.get(0).start());
            double gap = (until - at) / (double) Dsp.SR;
            int version = 0;
            while (version < SHORTER_VERSIONS && hold / (1 << version) + decay / (1 << version) * timeConstants > gap) {
                version++;
            }
            if (versions[version] == null) {
                double scale = 1.0 / (1 << version);
                versions[version] = hit(tune, startHz, sweepTime, hold * scale, decay * scale, click, clickHz,
                        clickDecay, drive, noiseSeed);
            }
            stamp(mix, versions[version], at, Math.min(until, mix.total), n.gain() * 127f / MAIN_VELOCITY);
        }
        System.arraycopy(mix.left, 0, mix.right, 0, mix.total);
    }

    /** Halvings of the decay available to hits that come close to the next one. */
    private static final int SHORTER_VERSIONS = 5;

    /** The median distance between main hits in frames (a beat when there is only one hit per loop). */
    private static double medianGap(List<Note> hits, Grid grid) {
        List<Integer> starts = hits.stream().filter(n -> n.velocity() >= 64 && n.length() >= Score.TICKS_PER_STEP)
                .map(n -> grid.frameOf(n.start())).toList();
        if (starts.size() < 2) {
            return grid.bars * 4 * grid.beatFrames;
        }
        int loop = (int) Math.round(grid.bars * 4 * grid.beatFrames);
        double[] gaps = new double[starts.size()];
        for (int k = 0; k < starts.size(); k++) {
            int next = k + 1 < starts.size() ? starts.get(k + 1) : starts.get(0) + loop;
            gaps[k] = next - starts.get(k);
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** Adds a hit from {@code at}, cut with a 3 ms fade where the next hit starts (a choke). */
    private static void stamp(Mix mix, float[] hit, int at, int until, float gain) {
        int n = Math.min(hit.length, Math.min(mix.total, until) - at);
        int fade = Math.min(n, Dsp.SR * 3 / 1000);
        boolean choked = n < hit.length;
        float[] l = mix.left;
        for (int i = 0; i < n; i++) {
            float g = choked && i >= n - fade ? gain * (n - i) / fade : gain;
            l[at + i] += hit[i] * g;
        }
    }

    /**
     * One hit: a sine body whose pitch falls from startHz to the tune, held briefly, then decaying; saturated;
     * plus a click of high-passed noise on top (after the saturation, so the drive never dulls it).
     */
    static float[] hit(double tune, double startHz, double sweepTime, double hold, double decay, double click,
                       double clickHz, double clickDecay, double drive, long seed) {
        int length = (int) (Dsp.SR * Math.min(1.6, hold + decay * 7));
        float[] out = new float[length];
        double pitchFall = Math.exp(-1.0 / (sweepTime * Dsp.SR));
        double ampFall = Math.exp(-1.0 / (decay * Dsp.SR));
        double clickFall = Math.exp(-1.0 / (clickDecay * Dsp.SR));
        int holdFrames = (int) (hold * Dsp.SR);
        Dsp.Noise noise = new Dsp.Noise(seed);
        Dsp.Svf clickFilter = new Dsp.Svf().set(clickHz, 0.8);
        double sweep = startHz - tune;
        double amp = 1;
        double clickAmp = click;
        double phase = 0;
        float inverseNorm = 1 / Dsp.softClip((float) drive);
        int attack = Dsp.SR / 2000; // 0.5 ms
        int fade = Math.min(length / 4, Dsp.SR / 100);
        for (int i = 0; i < length; i++) {
            double f = tune + sweep;
            sweep *= pitchFall;
            phase += f / Dsp.SR;
            float body = Dsp.softClip((float) (drive * Dsp.sin(phase) * amp)) * inverseNorm;
            if (i >= holdFrames) {
                amp *= ampFall;
            }
            clickFilter.tick(noise.next());
            float v = body + (float) clickAmp * clickFilter.high;
            clickAmp *= clickFall;
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
