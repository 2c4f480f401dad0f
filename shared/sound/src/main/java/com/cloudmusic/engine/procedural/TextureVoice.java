package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Chord;
import com.cloudmusic.engine.score.ChordPlan;
import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evolving chords: detuned oscillator pairs spread left and right through a slowly swept low pass, a band
 * of filtered noise for air, and for piano, pluck and bell timbres an FM arpeggio over a quieter pad.
 * Every slow modulation completes whole cycles per loop so the texture repeats without a bump.
 */
final class TextureVoice {

    private TextureVoice() {
    }

    private static boolean melodic(Style style) {
        return style.timbre() == Style.Timbre.PIANO || style.timbre() == Style.Timbre.PLUCK
                || style.timbre() == Style.Timbre.BELLS;
    }

    /** The pad holds each chord of the plan; piano, pluck and bell timbres add an arpeggio over it. */
    static List<Part> compose(Grid grid, Groove groove, Style style, ChordPlan chords, SplittableRandom rng) {
        List<Note> pad = new ArrayList<>();
        for (Chord c : chords.chords()) {
            for (int pitch : c.pitches()) {
                pad.add(new Note(c.start(), c.length(), pitch, 100));
            }
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("pad", false, pad));
        if (melodic(style)) {
            parts.add(new Part("arp", false, arpeggio(grid, groove, style, chords, rng)));
        }
        return parts;
    }

    /** Notes on the grid walking through the chord tones, an octave above the pad. */
    private static List<Note> arpeggio(Grid grid, Groove groove, Style style, ChordPlan chords, SplittableRandom rng) {
        int every = style.density() > 0.6 ? 1 : style.density() > 0.25 ? 2 : 4; // 16ths, 8ths or quarters
        int direction = rng.nextBoolean() ? 1 : -1;
        int walk = 0;
        List<Note> notes = new ArrayList<>();
        for (int step = 0; step < grid.steps; step += every) {
            if (every == 1 && rng.nextDouble() < 0.3) {
                continue;
            }
            int tick = Grid.tickOf(step, groove.swing());
            List<Integer> chord = chords.at(step * Score.TICKS_PER_STEP).pitches();
            walk += direction;
            int pick = Math.floorMod(walk, chord.size() + 1);
            int midi = (pick == chord.size() ? chord.get(0) + 12 : chord.get(pick)) + 12;
            double velocity = (step % 4 == 0 ? 1.0 : 0.75) * (0.85 + 0.15 * rng.nextDouble());
            notes.add(new Note(tick, every * Score.TICKS_PER_STEP, midi, (int) Math.round(velocity * 127)));
        }
        return notes;
    }

    static void render(Mix mix, Grid grid, Score score, Style style, SplittableRandom rng) {
        // The texture is the first layer in its mix: the pads are rendered straight into it and filtered
        // in place, which saves two loop-sized buffers.
        boolean melodic = melodic(style);
        double padLevel = melodic ? 0.35 : 1.0;
        List<Note> pad = score.part("pad").orElseThrow().notes();
        for (int from = 0; from < pad.size(); ) {
            int to = from;
            while (to < pad.size() && pad.get(to).start() == pad.get(from).start()) {
                to++;
            }
            int[] notes = pad.subList(from, to).stream().mapToInt(Note::pitch).toArray();
            int start = grid.frameOf(pad.get(from).start());
            int end = grid.frameOf(pad.get(from).end());
            pad(mix.left, mix.right, notes, start, end, style, padLevel, rng);
            from = to;
        }
        filterPadsAndAddAir(mix, style, rng);
        if (melodic) {
            arpeggio(mix, grid, style, score.part("arp").orElseThrow().notes(), rng);
        }
    }

    /** Samples per block of the pad: its envelope and vibrato are worked out per block, its oscillators per sample. */
    private static final int BLOCK = 64;

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
        double[] hzL = new double[n];
        double[] hzR = new double[n];
        int[] phL = new int[n];
        int[] phR = new int[n];
        for (int k = 0; k < n; k++) {
            double hz = Dsp.midiToHz(notes[k]);
            hzL[k] = hz * (1 - detune);
            hzR[k] = hz * (1 + detune);
            phL[k] = Dsp.phase(rng.nextDouble());
            phR[k] = Dsp.phase(rng.nextDouble());
        }
        float[] env = new float[BLOCK];
        float[] blockL = new float[BLOCK];
        float[] blockR = new float[BLOCK];
        double envelope = 0;
        double vibratoInc = 5.2 / Dsp.SR;
        for (int from = start; from < stop; from += BLOCK) {
            int len = Math.min(BLOCK, stop - from);
            for (int j = 0; j < len; j++) {
                int i = from + j;
                if (i < end) {
                    envelope = Math.min(1, (i - start) / attack);
                } else {
                    envelope *= releaseMul;
                }
                env[j] = (float) envelope * gain;
            }
            java.util.Arrays.fill(blockL, 0f);
            java.util.Arrays.fill(blockR, 0f);
            // String vibrato at control rate: a 5 Hz wobble of a quarter percent needs no per-sample update.
            double vib = strings ? 1 + 0.0025 * Dsp.sin((from + len / 2 - start) * vibratoInc) : 1;
            oscillators(blockL, len, phL, hzL, vib, organ);
            oscillators(blockR, len, phR, hzR, vib, organ);
            for (int j = 0; j < len; j++) {
                outL[from + j] += blockL[j] * env[j];
                outR[from + j] += blockR[j] * env[j];
            }
        }
    }

    /** Adds one channel's pad oscillators (saws, or for the organ three sine drawbars each) to a block. */
    private static void oscillators(float[] block, int len, int[] phases, double[] hz, double vib, boolean organ) {
        for (int k = 0; k < phases.length; k++) {
            int inc = Dsp.phaseIncrement(hz[k] * vib);
            if (organ) {
                int p = phases[k];
                for (int j = 0; j < len; j++) {
                    p += inc;
                    block[j] += drawbars(p);
                }
                phases[k] = p;
            } else {
                phases[k] = Dsp.addSaw(block, len, phases[k], inc);
            }
        }
    }

    private static float drawbars(int phase) {
        return Dsp.sinOfPhase(phase) + 0.5f * Dsp.sinOfPhase(phase << 1) + 0.25f * Dsp.sinOfPhase(phase << 2);
    }

    /**
     * Slow filter sweep and slow auto-pan on the pads (in place), both whole cycles per loop, and a band of
     * filtered noise drifting across the spectrum and the stereo field. One loop for both: each filter is
     * bound by its own feedback chain, so four of them side by side cost little more than two.
     */
    private static void filterPadsAndAddAir(Mix mix, Style style, SplittableRandom rng) {
        double loopSeconds = mix.frames / (double) Dsp.SR;
        double cycles = Math.max(1, Math.round(loopSeconds / 7));
        double panCycles = Math.max(1, Math.round(loopSeconds / 5));
        double base = 350 + 3200 * style.brightness() * style.brightness();
        double depth = 0.6 + 0.5 * style.density();
        double width = 0.25 + 0.35 * Math.min(1, style.space() * 2);
        double offset = rng.nextDouble();
        Dsp.Svf fl = new Dsp.Svf();
        Dsp.Svf fr = new Dsp.Svf();

        Dsp.Noise nl = new Dsp.Noise(rng.nextLong());
        Dsp.Noise nr = new Dsp.Noise(rng.nextLong());
        Dsp.Svf al = new Dsp.Svf();
        Dsp.Svf ar = new Dsp.Svf();
        double airCycles = Math.max(1, Math.round(loopSeconds / 9));
        float level = (float) (0.025 + 0.05 * style.space() + 0.02 * style.brightness());
        double centre = 900 + 2500 * style.brightness();
        // The noise fades in over the first half second and out past the loop end, so the wrapped tail crossfades.
        int fade = Math.min(mix.frames / 4, Dsp.SR / 2);
        int airEnd = Math.min(mix.total, mix.frames + fade);

        float[] left = mix.left;
        float[] right = mix.right;
        float gl = 1, gr = 1;
        for (int i = 0; i < mix.total; i++) {
            if ((i & 31) == 0) {
                double t = i / (double) mix.frames;
                double cutoff = base * Dsp.exp2(depth * Dsp.sin(cycles * t + offset));
                fl.set(cutoff, 0.9);
                fr.set(cutoff * 1.07, 0.9);
                float pan = (float) (width * Dsp.sin(panCycles * t));
                gl = 1 - pan;
                gr = 1 + pan;
                if ((i & 63) == 0 && i < airEnd) {
                    al.set(centre * Dsp.exp2(1.3 * Dsp.sin(airCycles * t)), 1.6);
                    ar.set(centre * Dsp.exp2(1.3 * Dsp.sin(airCycles * t + 0.25)), 1.6);
                }
            }
            fl.tick(left[i]);
            fr.tick(right[i]);
            float l = fl.low * gl;
            float r = fr.low * gr;
            if (i < airEnd) {
                float g = level;
                if (i < fade) {
                    g *= i / (float) fade;
                } else if (i >= mix.frames) {
                    g *= 1 - (i - mix.frames) / (float) fade;
                }
                al.tick(nl.next());
                ar.tick(nr.next());
                l += al.band * g;
                r += ar.band * g;
            }
            left[i] = l;
            right[i] = r;
        }
    }

    /** FM notes: piano, pluck or bell. */
    private static void arpeggio(Mix mix, Grid grid, Style style, List<Note> notes, SplittableRandom rng) {
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
        int length = (int) Math.min(decay * 4.5 * Dsp.SR, 3 * Dsp.SR);
        double ampMul = Math.exp(-1.0 / (decay * Dsp.SR));
        double indexMul = Math.exp(-1.0 / (decay * 0.35 * Dsp.SR));
        int attack = (int) (0.002 * style.softness() * Dsp.SR) + 8;
        for (Note note : notes) {
            double hz = Dsp.midiToHz(note.pitch());
            float pan = (float) (0.35 * (rng.nextDouble() * 2 - 1));
            int at = grid.frameOf(note.start());
            int n = Math.min(length, mix.total - at);
            int pc = 0, pm = 0;
            double amp = note.gain() * 0.16, ix = index * 4294967296.0; // modulation index in integer phase units
            int incC = Dsp.phaseIncrement(hz), incM = Dsp.phaseIncrement(hz * ratio);
            float gl = 1 - pan, gr = 1 + pan;
            for (int i = 0; i < n; i++) {
                pc += incC;
                pm += incM;
                float v = Dsp.sinOfPhase(pc + (int) (long) (ix * Dsp.sinOfPhase(pm))) * (float) amp;
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
