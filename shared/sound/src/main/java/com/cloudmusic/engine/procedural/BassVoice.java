package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.ChordPlan;
import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Monophonic bass synth: a band-limited saw and pulse through a resonant low pass with its own
 * envelope, a phase-locked sine sub, saturation; notes and rhythm drawn from the seed within the key's
 * scale, with the groove's accents. In half-time styles it becomes a gliding 808.
 */
final class BassVoice {

    private BassVoice() {
    }

    /** Onset weight per 16th step of one bar, by feel; 1 means always. */
    private static double[] weights(Groove.Feel feel, int variant) {
        return switch (feel) {
            case FOUR_ON_THE_FLOOR -> switch (variant) {
                case 0 -> new double[] {0.2, 0.1, 1, 0.3, 0.2, 0.1, 1, 0.3, 0.2, 0.1, 1, 0.3, 0.2, 0.1, 1, 0.4}; // off-beat
                case 1 -> new double[] {1, 0.3, 0.7, 0.3, 1, 0.3, 0.7, 0.3, 1, 0.3, 0.7, 0.3, 1, 0.3, 0.7, 0.5}; // driving
                default -> new double[] {1, 0, 0.4, 0.5, 1, 0, 0.4, 0.3, 1, 0, 0.4, 0.5, 1, 0, 0.5, 0.6}; // pickups
            };
            case BROKEN -> new double[] {1, 0, 0, 0.3, 0, 0, 0.5, 0.4, 0, 0, 1, 0.3, 0, 0, 0.4, 0.2};
            case HALF_TIME, TRAP -> new double[] {1, 0, 0, 0.3, 0, 0, 0, 0.5, 0, 0, 0.7, 0, 0, 0, 0.35, 0};
            case HIP_HOP -> new double[] {1, 0, 0, 0.4, 0, 0, 0.5, 0, 0.6, 0, 0.5, 0.3, 0, 0, 0.4, 0};
        };
    }

    /** Lowest MIDI note of the bass register: E1. */
    private static final int LOW = 28;

    /**
     * The bass line: a one-bar rhythm from the groove's accents, its notes chord tones and passing tones of
     * the chord under each step (so the line follows the chord plan), a varied answer every second bar.
     */
    static List<Part> compose(Grid grid, Groove groove, Style style, int rootPitchClass, ChordPlan chords,
                              SplittableRandom rng) {
        int root = LOW + Math.floorMod(rootPitchClass - 4, 12); // E1 .. D#2
        if (!style.sub808() && rng.nextInt(3) == 0) {
            root += 12; // some seeds play a mid bass an octave up
        }
        int[] scale = style.scale();
        double[] w = weights(groove.feel(), rng.nextInt(3));
        double densityScale = 0.45 + 0.8 * style.density();

        boolean[] on = new boolean[16];
        int[] offset = new int[16]; // scale steps above the chord's root
        for (int s = 0; s < 16; s++) {
            on[s] = w[s] >= 1 || rng.nextDouble() < w[s] * densityScale;
            offset[s] = s == 0 || w[s] >= 1 && s % 4 == 0 ? 0 : pickInterval(style, rng);
        }
        int[] variation = offset.clone();
        for (int s = 10; s < 16; s++) {
            if (on[s]) {
                variation[s] = pickInterval(style, rng);
            }
        }
        double gate = style.sub808() ? 1.0 : 0.45 + 0.4 * rng.nextDouble();
        List<Note> notes = new ArrayList<>();
        for (int bar = 0; bar < grid.bars; bar++) {
            int[] steps = bar % 2 == 1 ? variation : offset;
            for (int s = 0; s < 16; s++) {
                if (!on[s]) {
                    continue;
                }
                int next = s + 1;
                while (next < 16 && !on[next]) {
                    next++;
                }
                int step = bar * 16 + s;
                double length = Math.max(0.6, (next - s) * gate);
                int start = Grid.tickOf(step, groove.swing());
                int end = Math.max(start + 16, Grid.tickOf(step + length, groove.swing()));
                int degree = chords.at(start).degree() + steps[s];
                int pitch = root + scale[Math.floorMod(degree, 7)] + 12 * Math.floorDiv(degree, 7);
                // Stay in the bass register; an 808 stays low, where its fundamental carries the weight.
                while (pitch > root + (style.sub808() ? 7 : 14)) {
                    pitch -= 12;
                }
                // Accents follow the metre: beats, then 8ths, then 16ths.
                int velocity = s % 4 == 0 ? 127 : s % 2 == 0 ? 91 : 70;
                boolean slide = (style.sub808() || style.drive() > 0.8) && rng.nextDouble() < 0.2 + 0.2 * style.density();
                notes.add(new Note(start, end - start, pitch, velocity, slide && !notes.isEmpty()));
            }
        }
        return List.of(new Part("bass", false, notes));
    }

    /** A scale step above the chord root: mostly the root, then octave, fifth, third, seventh below, fourth. */
    private static int pickInterval(Style style, SplittableRandom rng) {
        double octaveChance = 0.1 + 0.25 * style.density();
        double r = rng.nextDouble();
        if (r < 0.4) {
            return 0;
        }
        if (r < 0.4 + octaveChance) {
            return 7;
        }
        return switch (rng.nextInt(5)) {
            case 0, 1 -> 4; // fifth
            case 2 -> 2; // third
            case 3 -> -1; // seventh below
            default -> 3; // fourth
        };
    }

    static void render(Mix mix, Grid grid, Score score, Style style, SplittableRandom rng) {
        List<Note> notes = score.part("bass").orElseThrow().notes();
        int count = notes.size();
        int[] starts = new int[count];
        int[] ends = new int[count];
        double[] hz = new double[count];
        float[] vel = new float[count];
        boolean[] slide = new boolean[count];
        for (int k = 0; k < count; k++) {
            Note n = notes.get(k);
            starts[k] = grid.frameOf(n.start());
            ends[k] = Math.max(starts[k] + 64, grid.frameOf(n.end()));
            hz[k] = Dsp.midiToHz(n.pitch());
            vel[k] = n.velocity() == 127 ? 1f : n.gain();
            slide[k] = n.glide();
        }
        synthesise(mix, style, starts, ends, hz, vel, slide, count, grid.bars, rng);
    }

    private static void synthesise(Mix mix, Style style, int[] starts, int[] ends, double[] hz, float[] vel,
                                   boolean[] slide, int count, int bars, SplittableRandom rng) {
        if (count == 0) {
            return;
        }
        boolean is808 = style.sub808();
        double sawLevel = is808 ? 0.15 : 0.55 + 0.35 * rng.nextDouble();
        double pulseLevel = is808 ? 0 : 0.45 - 0.3 * rng.nextDouble();
        double subLevel = is808 ? 1.0 : 0.6;
        double baseCutoff = (90 + 520 * style.brightness() * style.brightness() + 60 * style.density())
                * Dsp.exp2(1.6 * rng.nextDouble() - 0.8);
        double envAmount = 2 + 7 * style.density() + 3 * style.brightness();
        double q = 0.8 + 2.2 * style.density() + (style.drive() > 1 ? 1.5 : 0);
        double lfoDepth = style.intensity() >= 3 ? 0.25 + 0.5 * style.density() : 0;
        float drive = (float) (1 + 2.2 * style.drive() + (is808 ? 1.2 : 0));
        float inverseNorm = 1 / Dsp.softClip(drive);
        double attackSamples = Math.max(44, 0.003 * style.softness() * Dsp.SR);
        double decayMul = Math.exp(-1.0 / ((is808 ? 0.9 : 0.25) * Dsp.SR));
        float sustain = is808 ? 0.35f : 0.7f;
        double releaseMul = Math.exp(-1.0 / ((is808 ? 0.06 : 0.02) * Dsp.SR));
        double filterEnvMul = Math.exp(-1.0 / ((0.06 + 0.1 * (1 - style.density())) * Dsp.SR));
        double glide = 1 - Math.exp(-1.0 / (0.04 * Dsp.SR));
        double lfoCycles = bars; // one filter sweep per bar: whole cycles per loop keep the seam clean

        Dsp.Svf filter = new Dsp.Svf();
        float sawLevelF = (float) sawLevel; // float mixing: no conversions to double and back every sample
        float pulseLevelF = (float) pulseLevel;
        float[] left = mix.left;
        float[] right = mix.right;
        int next = 0;
        int end = Integer.MAX_VALUE;
        int stage = 0; // 0 idle, 1 attack, 2 decay/sustain, 3 release
        double env = 0, fenv = 0, f = hz[0], target = f, pitchKick = 0;
        int phase = 0; // integer phase, 2^32 per cycle: wraps by itself
        double phaseUnitsPerHz = 4294967296.0 / Dsp.SR;
        float level = (float) subLevel;
        float velocity = 1;
        int inc = 0; // 0: to be worked out at the next sample
        float dt = 0;
        for (int i = 0; i < mix.total; i++) {
            if (next < count && i == starts[next]) {
                target = hz[next];
                if (!slide[next] || stage == 0) {
                    f = target;
                }
                end = ends[next];
                velocity = vel[next];
                fenv = velocity;
                pitchKick = is808 && !slide[next] ? 1 : 0;
                stage = 1;
                next++;
                inc = 0;
            }
            if (stage == 0) {
                if (next >= count) {
                    break;
                }
                continue;
            }
            if (i == end && stage != 3) {
                stage = 3;
            }
            switch (stage) {
                case 1 -> {
                    env += 1 / attackSamples;
                    if (env >= 1) {
                        env = 1;
                        stage = 2;
                    }
                }
                case 2 -> env = sustain + (env - sustain) * decayMul;
                default -> {
                    env *= releaseMul;
                    if (env < 1e-4) {
                        env = 0;
                        stage = 0;
                    }
                }
            }
            if (f != target || pitchKick != 0 || inc == 0) {
                // A glide or an 808's pitch drop moves the pitch every sample; a held note keeps its increment.
                f += (target - f) * glide;
                pitchKick *= 0.9985;
                double freq = f * (1 + 0.6 * pitchKick);
                inc = (int) (long) (freq * phaseUnitsPerHz);
                dt = (float) (freq * (1.0 / Dsp.SR));
            }
            phase += inc;
            if ((i & 15) == 0) {
                double lfo = lfoDepth == 0 ? 1 : Dsp.exp2(lfoDepth * Dsp.sin(lfoCycles * i / (double) mix.frames));
                filter.set(baseCutoff * lfo * (1 + envAmount * fenv), q);
            }
            fenv *= filterEnvMul;
            float saw = Dsp.sawOfPhase(phase, dt);
            float pulse = saw - Dsp.sawOfPhase(phase + Integer.MIN_VALUE, dt); // half a cycle later
            filter.tick(Math.fma(sawLevelF, saw, pulseLevelF * pulse));
            float sub = Dsp.sinOfPhase(phase);
            float v = Dsp.softClip(drive * (filter.low + level * sub)) * inverseNorm * (float) env * velocity * 0.8f;
            left[i] += v;
        }
        removeSubsonics(left, mix.total, is808 ? 24 : 28);
        System.arraycopy(left, 0, right, 0, mix.total);
    }

    /**
     * A DC blocker and high pass in one: two 2-pole high passes (24 dB/octave) just under the lowest
     * fundamental, so what is left below 20 Hz is nothing a speaker should try to play.
     */
    private static void removeSubsonics(float[] x, int n, double hz) {
        Dsp.highPass24(x, n, hz);
    }
}
