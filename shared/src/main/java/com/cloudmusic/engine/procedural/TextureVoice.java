package com.cloudmusic.engine.procedural;

import java.util.SplittableRandom;

/**
 * Evolving chords: detuned oscillator pairs spread left and right through a slowly swept low pass, a band
 * of filtered noise for air, and for piano, pluck and bell timbres an FM arpeggio over a quieter pad.
 * Every slow modulation completes whole cycles per loop so the texture repeats without a bump.
 */
final class TextureVoice {

    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 5, 4}, {0, 6, 5, 6}, {0, 5, 3, 4}};
    private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 0, 4}, {0, 3, 5, 4}};

    private TextureVoice() {
    }

    static void render(Mix mix, Grid grid, Style style, int rootPitchClass, SplittableRandom rng) {
        int[] scale = style.scale();
        int base = 48 + rootPitchClass;
        int[][] options = style.minor() ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
        int[] progression = options[rng.nextInt(options.length)];
        int bars = grid.steps / 16;
        int chords = bars % 4 == 0 ? 4 : bars % 2 == 0 ? 2 : 1;
        boolean seventh = style.intensity() >= 3 || rng.nextBoolean();

        int[][] chordNotes = new int[chords][];
        for (int c = 0; c < chords; c++) {
            int degree = progression[c];
            int size = seventh ? 4 : 3;
            chordNotes[c] = new int[size];
            for (int k = 0; k < size; k++) {
                int d = degree + 2 * k;
                int midi = base + scale[d % 7] + 12 * (d / 7);
                while (midi > base + 16) { // keep the voicing close around the root
                    midi -= 12;
                }
                chordNotes[c][k] = midi;
            }
        }

        boolean melodic = style.timbre() == Style.Timbre.PIANO || style.timbre() == Style.Timbre.PLUCK
                || style.timbre() == Style.Timbre.BELLS;
        float[] padL = new float[mix.total];
        float[] padR = new float[mix.total];
        double padLevel = melodic ? 0.35 : 1.0;
        for (int c = 0; c < chords; c++) {
            int start = grid.at((double) c * grid.steps / chords);
            int end = grid.at((double) (c + 1) * grid.steps / chords);
            pad(padL, padR, chordNotes[c], start, end, style, padLevel, rng);
        }
        filterAndPlace(mix, padL, padR, style, rng);
        air(mix, style, rng);
        if (melodic) {
            arpeggio(mix, grid, style, chordNotes, rng);
        }
    }

    private static void pad(float[] outL, float[] outR, int[] notes, int start, int end, Style style, double level,
                            SplittableRandom rng) {
        boolean strings = style.timbre() == Style.Timbre.STRINGS;
        boolean organ = style.timbre() == Style.Timbre.ORGAN;
        double attack = Math.min((end - start) / 3.0, (strings ? 0.35 : 0.2) * style.softness() * Dsp.SR);
        double releaseSeconds = 0.5 * style.softness() + 0.2;
        double releaseMul = Math.exp(-1.0 / (releaseSeconds * Dsp.SR));
        int stop = Math.min(outL.length, end + (int) (releaseSeconds * 5 * Dsp.SR));
        double detune = (strings ? 0.006 : 0.004) + 0.003 * style.density();
        float gain = (float) (level * 0.22 / notes.length * 4 / 4);
        int n = notes.length;
        double[] incL = new double[n];
        double[] incR = new double[n];
        double[] phL = new double[n];
        double[] phR = new double[n];
        for (int k = 0; k < n; k++) {
            double hz = Dsp.midiToHz(notes[k]);
            incL[k] = hz * (1 - detune) / Dsp.SR;
            incR[k] = hz * (1 + detune) / Dsp.SR;
            phL[k] = rng.nextDouble();
            phR[k] = rng.nextDouble();
        }
        double env = 0;
        double vibratoInc = 5.2 / Dsp.SR;
        for (int i = start; i < stop; i++) {
            if (i < end) {
                env = Math.min(1, (i - start) / attack);
            } else {
                env *= releaseMul;
            }
            double vib = strings ? 1 + 0.0025 * Dsp.sin((i - start) * vibratoInc) : 1;
            float l = 0, r = 0;
            for (int k = 0; k < n; k++) {
                double a = phL[k] + incL[k] * vib;
                double b = phR[k] + incR[k] * vib;
                a -= (int) a;
                b -= (int) b;
                phL[k] = a;
                phR[k] = b;
                if (organ) {
                    l += Dsp.sin(a) + 0.5f * Dsp.sin(2 * a) + 0.25f * Dsp.sin(4 * a);
                    r += Dsp.sin(b) + 0.5f * Dsp.sin(2 * b) + 0.25f * Dsp.sin(4 * b);
                } else {
                    l += Dsp.saw(a, incL[k]);
                    r += Dsp.saw(b, incR[k]);
                }
            }
            float e = (float) env * gain;
            outL[i] += l * e;
            outR[i] += r * e;
        }
    }

    /** Slow filter sweep and slow auto-pan, both whole cycles per loop, then into the mix. */
    private static void filterAndPlace(Mix mix, float[] padL, float[] padR, Style style, SplittableRandom rng) {
        double loopSeconds = mix.frames / (double) Dsp.SR;
        double cycles = Math.max(1, Math.round(loopSeconds / 7));
        double panCycles = Math.max(1, Math.round(loopSeconds / 5));
        double base = 350 + 3200 * style.brightness() * style.brightness();
        double depth = 0.6 + 0.5 * style.density();
        double width = 0.25 + 0.35 * Math.min(1, style.space() * 2);
        double offset = rng.nextDouble();
        Dsp.Svf fl = new Dsp.Svf();
        Dsp.Svf fr = new Dsp.Svf();
        float[] left = mix.left;
        float[] right = mix.right;
        float gl = 1, gr = 1;
        for (int i = 0; i < mix.total; i++) {
            if ((i & 31) == 0) {
                double t = i / (double) mix.frames;
                double cutoff = base * Math.pow(2, depth * Dsp.sin(cycles * t + offset));
                fl.set(cutoff, 0.9);
                fr.set(cutoff * 1.07, 0.9);
                float pan = (float) (width * Dsp.sin(panCycles * t));
                gl = 1 - pan;
                gr = 1 + pan;
            }
            fl.tick(padL[i]);
            fr.tick(padR[i]);
            left[i] += fl.low * gl;
            right[i] += fr.low * gr;
        }
    }

    /** Band-passed noise drifting across the spectrum and the stereo field. */
    private static void air(Mix mix, Style style, SplittableRandom rng) {
        Dsp.Noise nl = new Dsp.Noise(rng.nextLong());
        Dsp.Noise nr = new Dsp.Noise(rng.nextLong());
        Dsp.Svf fl = new Dsp.Svf();
        Dsp.Svf fr = new Dsp.Svf();
        double loopSeconds = mix.frames / (double) Dsp.SR;
        double cycles = Math.max(1, Math.round(loopSeconds / 9));
        float level = (float) (0.025 + 0.05 * style.space() + 0.02 * style.brightness());
        float[] left = mix.left;
        float[] right = mix.right;
        // The noise fades in over the first beat and out past the loop end, so the wrapped tail crossfades.
        int fade = Math.min(mix.frames / 4, Dsp.SR / 2);
        for (int i = 0; i < mix.total; i++) {
            if ((i & 63) == 0) {
                double t = i / (double) mix.frames;
                double centre = 900 + 2500 * style.brightness();
                fl.set(centre * Math.pow(2, 1.3 * Dsp.sin(cycles * t)), 1.6);
                fr.set(centre * Math.pow(2, 1.3 * Dsp.sin(cycles * t + 0.25)), 1.6);
            }
            float g = level;
            if (i < fade) {
                g *= i / (float) fade;
            } else if (i >= mix.frames) {
                int past = i - mix.frames;
                if (past >= fade) {
                    break;
                }
                g *= 1 - past / (float) fade;
            }
            fl.tick(nl.next());
            fr.tick(nr.next());
            left[i] += fl.band * g;
            right[i] += fr.band * g;
        }
    }

    /** FM notes on the grid walking through the chord tones: piano, pluck or bell. */
    private static void arpeggio(Mix mix, Grid grid, Style style, int[][] chordNotes, SplittableRandom rng) {
        double ratio;
        double decay;
        double index;
        switch (style.timbre()) {
            case BELLS -> {
                ratio = 3.5;
                decay = 1.6;
                index = 2.2;
            }
            case PLUCK -> {
                ratio = 2.0;
                decay = 0.28;
                index = 1.6;
            }
            default -> { // piano
                ratio = 1.0;
                decay = 0.9;
                index = 1.3;
            }
        }
        index *= 0.6 + 0.8 * style.brightness();
        int every = style.density() > 0.6 ? 1 : style.density() > 0.25 ? 2 : 4; // 16ths, 8ths or quarters
        int chords = chordNotes.length;
        int stepsPerChord = grid.steps / chords;
        int direction = rng.nextBoolean() ? 1 : -1;
        int length = (int) Math.min(decay * 4.5 * Dsp.SR, 3 * Dsp.SR);
        double ampMul = Math.exp(-1.0 / (decay * Dsp.SR));
        double indexMul = Math.exp(-1.0 / (decay * 0.35 * Dsp.SR));
        int attack = (int) (0.002 * style.softness() * Dsp.SR) + 8;
        int walk = 0;
        for (int step = 0; step < grid.steps; step += every) {
            if (every == 1 && rng.nextDouble() < 0.3) {
                continue;
            }
            int[] notes = chordNotes[Math.min(chords - 1, step / stepsPerChord)];
            walk += direction;
            int pick = Math.floorMod(walk, notes.length + 1);
            int midi = pick == notes.length ? notes[0] + 12 : notes[pick];
            midi += 12;
            double hz = Dsp.midiToHz(midi);
            float velocity = (float) ((step % 4 == 0 ? 1.0 : 0.75) * (0.85 + 0.15 * rng.nextDouble()));
            float pan = (float) (0.35 * (rng.nextDouble() * 2 - 1));
            int at = grid.at(step);
            int n = Math.min(length, mix.total - at);
            double pc = 0, pm = 0, amp = velocity * 0.16, ix = index;
            double incC = hz / Dsp.SR, incM = hz * ratio / Dsp.SR;
            float gl = 1 - pan, gr = 1 + pan;
            for (int i = 0; i < n; i++) {
                pc += incC;
                pm += incM;
                float v = Dsp.sin(pc + ix * Dsp.sin(pm)) * (float) amp;
                if (i < attack) {
                    v *= i / (float) attack;
                }
                amp *= ampMul;
                ix *= indexMul;
                mix.left[at + i] += v * gl;
                mix.right[at + i] += v * gr;
            }
        }
    }
}
