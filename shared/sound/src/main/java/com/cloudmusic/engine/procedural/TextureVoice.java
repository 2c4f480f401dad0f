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
 * Evolving chords as a sample-pack pad plays them: symmetric detuned oscillator pairs (each in both
 * channels, so the pad survives a mono sum), a filter that moves with the loop, amplitude motion that pumps
 * on the beat, and at higher intensity or energetic moods rhythmic gating (chops) on a pattern drawn from the
 * seed; a band of drifting noise for air, a shimmer an octave or two over the top note, and for piano, pluck
 * and bell timbres an FM arpeggio over a quieter pad. Stabs play the chords as short hits, a drone holds its
 * root, dusty adds vinyl crackle, rumble a low filtered noise. Every slow modulation completes whole cycles
 * per loop so the texture repeats without a bump.
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
        Voicing voicing = Voicing.draw(style, rng);
        List<Note> pad = score.part("pad").orElseThrow().notes();
        for (int from = 0; from < pad.size(); ) {
            int to = from;
            while (to < pad.size() && pad.get(to).start() == pad.get(from).start()) {
                to++;
            }
            int[] notes = pad.subList(from, to).stream().mapToInt(n -> n.pitch() + voicing.octave).toArray();
            int start = grid.frameOf(pad.get(from).start());
            int end = grid.frameOf(pad.get(from).end());
            if (style.has("stabs")) { // short chord hits on the seed's rhythm instead of one held chord
                int chordEnd = pad.get(from).end();
                for (int tick = pad.get(from).start(); tick < chordEnd; tick += Score.TICKS_PER_STEP) {
                    int step = tick / Score.TICKS_PER_STEP;
                    if (voicing.stabs[step % 16]) {
                        int at = grid.frameOf(tick);
                        pad(mix.left, mix.right, notes, at, at + (int) (grid.stepFrames * 1.5), style, voicing,
                                padLevel * 1.3, rng);
                    }
                }
            } else {
                pad(mix.left, mix.right, notes, start, end, style, voicing, padLevel, rng);
            }
            shimmer(mix, notes[notes.length - 1], start, end, style, voicing);
            from = to;
        }
        filterPadsAndAddAir(mix, grid, style, voicing, rng);
        if (melodic) {
            arpeggio(mix, grid, style, score.part("arp").orElseThrow().notes(), rng);
        }
    }

    /**
     * Samples per block of the pad: its envelope is worked out per block, its oscillators per sample. A string
     * pad's vibrato moves the pitch once a block, so it keeps short blocks; the others take long ones, where
     * the vectorised loops pay off.
     */
    private static final int VIBRATO_BLOCK = 64;
    private static final int BLOCK = Dsp.MAX_SAW_BLOCK;

    private static void pad(float[] outL, float[] outR, int[] notes, int start, int end, Style style,
                            Voicing voicing, double level, SplittableRandom rng) {
        boolean strings = style.timbre() == Style.Timbre.STRINGS;
        boolean organ = style.timbre() == Style.Timbre.ORGAN || voicing.organ;
        double attack = Math.min((end - start) / 3.0, (strings ? 0.35 : 0.2) * style.softness() * voicing.attack * Dsp.SR);
        double releaseSeconds = style.has("stabs") ? 0.08 : 0.5 * style.softness() + 0.2;
        double releaseMul = Math.exp(-1.0 / (releaseSeconds * Dsp.SR));
        int stop = Math.min(outL.length, end + (int) (releaseSeconds * 5 * Dsp.SR));
        double detune = voicing.detune + 0.003 * style.density();
        float gain = (float) (level * 0.22 / notes.length);
        int n = notes.length;
        // Each note is a pair detuned symmetrically, flat and sharp; both reach both channels, the flat one
        // louder on the left and the sharp one on the right: width without a hole in the mono sum.
        double[] hzFlat = new double[n];
        double[] hzSharp = new double[n];
        int[] phFlat = new int[n];
        int[] phSharp = new int[n];
        for (int k = 0; k < n; k++) {
            double hz = Dsp.midiToHz(notes[k]);
            hzFlat[k] = hz * (1 - detune);
            hzSharp[k] = hz * (1 + detune);
            phFlat[k] = Dsp.phase(rng.nextDouble());
            phSharp[k] = Dsp.phase(rng.nextDouble());
        }
        float near = (float) STEREO_NEAR;
        float far = (float) STEREO_FAR;
        int block = strings ? VIBRATO_BLOCK : BLOCK;
        float[] env = new float[block];
        float[] blockFlat = new float[block];
        float[] blockSharp = new float[block];
        float[] mixL = new float[block];
        float[] mixR = new float[block];
        int[] incs = new int[n];
        int[] ramps = new int[block];
        float[] sums = new float[block];
        double envelope = 0;
        double attackPerSample = 1 / attack;
        double vibratoInc = 5.2 / Dsp.SR;
        double[] release = new double[block]; // releaseMul^(j+1): a block of the release in one multiply each
        double m = 1;
        for (int j = 0; j < block; j++) {
            m *= releaseMul;
            release[j] = m;
        }
        for (int from = start; from < stop; from += block) {
            int len = Math.min(block, stop - from);
            if (from + len <= end && (from - start) * attackPerSample >= 1) { // held: the envelope is 1
                envelope = 1;
                java.util.Arrays.fill(env, 0, len, gain);
            } else if (from >= end) { // released
                for (int j = 0; j < len; j++) {
                    env[j] = (float) (envelope * release[j]) * gain;
                }
                envelope *= release[len - 1];
            } else {
                for (int j = 0; j < len; j++) {
                    int i = from + j;
                    if (i < end) {
                        envelope = Math.min(1, (i - start) * attackPerSample);
                    } else {
                        envelope *= releaseMul;
                    }
                    env[j] = (float) envelope * gain;
                }
            }
            java.util.Arrays.fill(blockFlat, 0f);
            java.util.Arrays.fill(blockSharp, 0f);
            // String vibrato at control rate: a 5 Hz wobble of a quarter percent needs no per-sample update.
            double vib = strings ? 1 + 0.0025 * Dsp.sin((from + len / 2 - start) * vibratoInc) : 1;
            oscillators(blockFlat, len, phFlat, hzFlat, vib, organ, incs, ramps, sums);
            oscillators(blockSharp, len, phSharp, hzSharp, vib, organ, incs, ramps, sums);
            // Added in copies of the mix's stretch: a loop writing at another offset than it reads is not vectorised.
            System.arraycopy(outL, from, mixL, 0, len);
            System.arraycopy(outR, from, mixR, 0, len);
            for (int j = 0; j < len; j++) {
                float f = blockFlat[j] * env[j];
                float sh = blockSharp[j] * env[j];
                mixL[j] += near * f + far * sh;
                mixR[j] += near * sh + far * f;
            }
            System.arraycopy(mixL, 0, outL, from, len);
            System.arraycopy(mixR, 0, outR, from, len);
        }
    }

    /** Gains of a detuned oscillator in its own side and in the other: about 0.3 dB lost in a mono sum. */
    private static final double STEREO_NEAR = 1.0;
    private static final double STEREO_FAR = 0.55;

    /** A soft sine an octave (and for ambient, two) over the chord's top note, slowly swelling: the shimmer. */
    private static void shimmer(Mix mix, int topNote, int start, int end, Style style, Voicing voicing) {
        if (voicing.shimmer <= 0) {
            return;
        }
        int stop = Math.min(mix.total, end + Dsp.SR / 2);
        int incA = Dsp.phaseIncrement(Dsp.midiToHz(topNote + 12));
        int incB = Dsp.phaseIncrement(Dsp.midiToHz(topNote + 19)); // the fifth above, for ambient air
        float b = style.space() > 0.3 ? 0.6f : 0f;
        int pa = 0, pb = 0;
        double swellCycles = Math.max(1, Math.round((end - start) / (double) Dsp.SR / 2));
        // The swell is an oscillator too (whole cycles over the chord), on an integer phase like the others:
        // a floor and a double sine per sample were a large share of the texture's time.
        int swellInc = Dsp.phaseIncrement(swellCycles * Dsp.SR / (end - start));
        int ps = Dsp.phase(0.25);
        float level = (float) (0.035 * voicing.shimmer);
        for (int i = start; i < stop; i++) {
            pa += incA;
            float swell;
            if (i < end) {
                swell = 0.5f - 0.5f * Dsp.sinOfPhase(ps);
                ps += swellInc;
            } else {
                swell = Math.max(0, 1 - (i - end) / (Dsp.SR * 0.5f));
            }
            float tone = Dsp.sinOfPhase(pa);
            if (b != 0) {
                pb += incB;
                tone += b * Dsp.sinOfPhase(pb);
            }
            float v = tone * swell * level;
            mix.left[i] += v;
            mix.right[i] += v;
        }
    }

    /** The seed's choices of timbre and motion for one texture. */
    private static final class Voicing {
        int octave;
        double detune;
        double attack;
        boolean organ;
        double shimmer;
        double filterBase;
        double filterDepth;
        double resonance;
        int filterCycles;
        double pumpDepth;
        boolean[] gate = new boolean[16];
        boolean gating;
        boolean[] stabs = new boolean[16];

        static Voicing draw(Style style, SplittableRandom rng) {
            Voicing v = new Voicing();
            v.octave = style.has("drone") ? 0 : 12 * (rng.nextInt(3) - 1); // the seed's register
            v.detune = 0.002 + 0.01 * rng.nextDouble();
            v.attack = 0.3 + 1.4 * rng.nextDouble();
            v.organ = style.timbre() == Style.Timbre.PAD && rng.nextInt(5) == 0;
            v.shimmer = rng.nextDouble() < 0.7 ? 0.4 + 0.8 * rng.nextDouble() : 0;
            v.filterBase = (400 + 4200 * style.brightness() * style.brightness()) * Dsp.exp2(3 * rng.nextDouble() - 1.5);
            v.filterDepth = 0.5 + 1.2 * rng.nextDouble() + 0.4 * style.density();
            v.resonance = 0.7 + 1.6 * rng.nextDouble();
            v.filterCycles = 1 + rng.nextInt(4);
            // Amplitude motion: a pump on every beat at middle intensity, chops on a 16th pattern above.
            v.pumpDepth = style.intensity() >= 2 && !style.has("drone") ? 0.15 + 0.25 * rng.nextDouble() : 0;
            v.gating = (style.intensity() >= 4 || style.density() > 0.7 || rng.nextInt(3) == 0) && !style.has("drone");
            int pattern = rng.nextInt(1 << 16) | 0x0101; // always on the 1 and the 3
            for (int s = 0; s < 16; s++) {
                v.gate[s] = (pattern >> s & 1) == 1;
            }
            int stabPattern = rng.nextInt(1 << 16) & rng.nextInt(1 << 16) | 0x0001;
            for (int s = 0; s < 16; s++) {
                v.stabs[s] = (stabPattern >> s & 1) == 1;
            }
            return v;
        }
    }

    /** Adds one channel's pad oscillators (saws, or for the organ three sine drawbars each) to a block. */
    private static void oscillators(float[] block, int len, int[] phases, double[] hz, double vib, boolean organ,
                                    int[] incs, int[] ramps, float[] sums) {
        for (int k = 0; k < phases.length; k++) {
            incs[k] = Dsp.phaseIncrement(hz[k] * vib);
        }
        if (!organ) {
            Dsp.addSaws(block, len, phases, incs, phases.length, ramps, sums);
            return;
        }
        for (int k = 0; k < phases.length; k++) {
            int inc = incs[k];
            int p = phases[k];
            for (int j = 0; j < len; j++) {
                p += inc;
                block[j] += drawbars(p);
            }
            phases[k] = p;
        }
    }

    private static float drawbars(int phase) {
        return Dsp.sinOfPhase(phase) + 0.5f * Dsp.sinOfPhase(phase << 1) + 0.25f * Dsp.sinOfPhase(phase << 2);
    }

    /**
     * The movement, in place on the pads: a filter sweeping whole cycles per loop, the beat's pump and the
     * seed's 16th chops (smoothed over a few milliseconds), a band of drifting noise for air (mid with a
     * little side), vinyl crackle and a low rumble when asked. One loop for all: each filter is bound by its
     * own feedback chain, so several side by side cost little more than one.
     */
    private static void filterPadsAndAddAir(Mix mix, Grid grid, Style style, Voicing voicing, SplittableRandom rng) {
        double loopSeconds = mix.frames / (double) Dsp.SR;
        double cycles = voicing.filterCycles * Math.max(1, Math.round(loopSeconds / 8));
        double offset = rng.nextDouble();
        Dsp.Svf fl = new Dsp.Svf();
        Dsp.Svf fr = new Dsp.Svf();

        Dsp.Noise nm = new Dsp.Noise(rng.nextLong());
        Dsp.Noise ns = new Dsp.Noise(rng.nextLong());
        Dsp.Svf am = new Dsp.Svf();
        Dsp.Svf as = new Dsp.Svf();
        double airCycles = Math.max(1, Math.round(loopSeconds / 9));
        float level = (float) (0.03 + 0.05 * style.space() + 0.03 * style.brightness());
        double centre = 1500 + 3500 * style.brightness();
        // The noise fades in over the first half second and out past the loop end, so the wrapped tail crossfades.
        int fade = Math.min(mix.frames / 4, Dsp.SR / 2);
        int airEnd = Math.min(mix.total, mix.frames + fade);
        boolean dusty = style.has("dusty");
        Dsp.Noise crackle = new Dsp.Noise(rng.nextLong());
        boolean rumble = style.has("rumble");
        Dsp.Svf rumbleFilter = new Dsp.Svf().set(70, 1.2);
        Dsp.Noise rumbleNoise = new Dsp.Noise(rng.nextLong());

        double beat = grid.beatFrames;
        double step = grid.stepFrames;
        float pumpDepth = (float) voicing.pumpDepth;
        float smooth = (float) (1 - Math.exp(-1.0 / (0.004 * Dsp.SR))); // 4 ms: chops without clicks
        float gateGain = 1;
        float[] left = mix.left;
        float[] right = mix.right;
        float pump = 1;
        float target = 1;
        for (int i = 0; i < mix.total; i++) {
            if ((i & 31) == 0) {
                double t = i / (double) mix.frames;
                double cutoff = voicing.filterBase * Dsp.exp2(voicing.filterDepth * Dsp.sin(cycles * t + offset));
                fl.set(cutoff, voicing.resonance);
                fr.set(cutoff * 1.04, voicing.resonance);
                int within = i % mix.frames;
                double beats = within / beat; // not within % beat: a double remainder is a slow library call
                double phaseInBeat = beats - Math.floor(beats);
                pump = pumpDepth == 0 ? 1 : (float) (1 - pumpDepth * Math.max(0, 1 - phaseInBeat * 2.5));
                target = voicing.gating && !voicing.gate[(int) (within / step) % 16] ? 0.12f : 1f;
                if ((i & 63) == 0 && i < airEnd) {
                    am.set(centre * Dsp.exp2(1.3 * Dsp.sin(airCycles * t)), 1.6);
                    as.set(centre * 1.3 * Dsp.exp2(1.3 * Dsp.sin(airCycles * t + 0.25)), 1.6);
                }
            }
            gateGain = Math.fma(target - gateGain, smooth, gateGain);
            fl.tick(left[i]);
            fr.tick(right[i]);
            float motion = pump * gateGain;
            float l = fl.low * motion;
            float r = fr.low * motion;
            if (i < airEnd) {
                float g = level;
                if (i < fade) {
                    g *= i / (float) fade;
                } else if (i >= mix.frames) {
                    g *= 1 - (i - mix.frames) / (float) fade;
                }
                am.tick(nm.next());
                as.tick(ns.next());
                float mid = am.band * g;
                float side = as.band * g * 0.4f;
                l += mid + side;
                r += mid - side;
                if (dusty) { // sparse clicks of vinyl crackle, the same in both ears
                    float c = crackle.next();
                    if (c > 0.9993f) {
                        float pop = (c - 0.9993f) * 600f * g;
                        l += pop;
                        r += pop;
                    }
                }
                if (rumble) {
                    rumbleFilter.tick(rumbleNoise.next());
                    float low = rumbleFilter.band * g * 3f;
                    l += low;
                    r += low;
                }
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
