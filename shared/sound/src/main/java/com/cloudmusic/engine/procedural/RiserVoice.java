package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A build-up (a one-shot): noise through a rising, tightening band pass (mid with a little side), a detuned
 * saw stack gliding up an octave or two, and with intensity a snare-like roll whose hits speed up as it
 * climbs. It peaks on the downbeat at its end, or, with an impact, on the downbeat of its last bar, where
 * a sub boom and a noise wash ring out.
 */
final class RiserVoice {

    private RiserVoice() {
    }

    /** Samples per control step: curves, filter settings and the saws' pitch are updated this often. */
    private static final int CONTROL = 32;

    /** ln 2, once: the control step takes log2 of its place in the build. */
    private static final double LN2 = Math.log(2);

    /** How the pitch climbs over the build: semitones above the start at t^PITCH_CURVE of the way. */
    private static final double PITCH_CURVE = 1.6;

    /**
     * The build: a line climbing from the key's root by an octave, a twelfth or two octaves (one note a
     * beat, gliding), with intensity a roll that speeds up from quarters to 16ths (32nds at the top), and
     * with an impact the build ends on the downbeat of the last bar, where the impact lands and rings out.
     */
    static List<Part> compose(Grid grid, Style style, int rootPitchClass, SplittableRandom rng) {
        int[] ranges = style.intensity() >= 3 || style.density() > 0.5 ? new int[] {19, 24, 24} : new int[] {12, 12, 19};
        int semitones = ranges[rng.nextInt(ranges.length)];
        int startPitch = 48 + rootPitchClass - (rng.nextBoolean() ? 12 : 0);
        boolean impact = grid.bars >= 2
                && (style.has("impact") || style.intensity() >= 4 || style.intensity() == 3 && rng.nextBoolean());
        int buildBeats = (grid.bars - (impact ? 1 : 0)) * 4;
        List<Note> line = new ArrayList<>();
        for (int beat = 0; beat < buildBeats; beat++) {
            double t = (beat + 1) / (double) buildBeats;
            int pitch = startPitch + (int) Math.round(semitones * Math.pow(t, PITCH_CURVE));
            line.add(new Note(beat * Score.TICKS_PER_BEAT, Score.TICKS_PER_BEAT, pitch, 40 + (int) (87 * t), beat > 0));
        }
        line.set(0, new Note(0, Score.TICKS_PER_BEAT, startPitch, 40, false));
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("riser", false, line));
        int buildEnd = buildBeats * Score.TICKS_PER_BEAT;
        if (style.intensity() >= 3 || style.density() > 0.45) {
            List<Note> roll = new ArrayList<>();
            double from = 0.2 + 0.3 * rng.nextDouble(); // where the seed lets the roll come in
            for (int tick = (int) (from * buildBeats) * Score.TICKS_PER_BEAT; tick < buildEnd; ) {
                double t = tick / (double) buildEnd;
                // Quarter notes, then 8ths, 16ths, and 32nds at the top for the hottest settings.
                int division = t < 0.5 ? 1 : t < 0.75 ? 2 : t < 0.9 || style.intensity() < 5 ? 4 : 8;
                int spacing = Score.TICKS_PER_BEAT / division;
                roll.add(new Note(tick, spacing, Part.GM_SNARE, (int) Math.round((0.45 + 0.55 * t) * 127)));
                tick += spacing;
            }
            parts.add(new Part("roll", true, roll));
        }
        if (impact) {
            parts.add(new Part("impact", true, List.of(new Note(buildEnd, Score.TICKS_PER_BAR, Part.GM_CRASH, 127))));
        }
        return parts;
    }

    static void render(Mix mix, Grid grid, Score score, Style style, SplittableRandom rng) {
        List<Note> line = score.part("riser").orElseThrow().notes();
        List<Note> roll = score.part("roll").map(Part::notes).orElse(List.of());
        int frames = mix.frames;
        int buildFrames = score.part("impact").map(p -> grid.frameOf(p.notes().get(0).start())).orElse(frames);
        double startCutoff = (150 + 200 * style.brightness()) * (0.7 + 0.6 * rng.nextDouble());
        double endCutoff = (4000 + 9000 * style.brightness()) * (0.7 + 0.6 * rng.nextDouble());
        double semitones = line.get(line.size() - 1).pitch() - line.get(0).pitch();
        double startHz = Dsp.midiToHz(line.get(0).pitch());
        double curve = (2.2 - 0.8 * style.density()) * (0.7 + 0.6 * rng.nextDouble()); // energetic rises earlier
        double qTop = 2 + 4 * rng.nextDouble();
        double floor = rng.nextBoolean() ? 0 : 0.1 + 0.2 * rng.nextDouble(); // some builds start audibly
        float drive = (float) (1 + 1.5 * style.drive());
        float norm = Dsp.softClip(drive);
        int[] rollFrames = roll.stream().mapToInt(n -> grid.frameOf(n.start())).toArray();
        int nextRoll = 0;

        // Noise in the middle with a little decorrelated side: wide, and nothing lost in a mono sum.
        Dsp.Noise nm = new Dsp.Noise(rng.nextLong());
        Dsp.Noise ns = new Dsp.Noise(rng.nextLong());
        Dsp.Noise nRoll = new Dsp.Noise(rng.nextLong());
        Dsp.Svf fm = new Dsp.Svf();
        Dsp.Svf fs = new Dsp.Svf();
        Dsp.Svf tone = new Dsp.Svf();
        Dsp.Svf snare = new Dsp.Svf().set(1800 + 1200 * rng.nextDouble(), 1.2);
        int[] phases = {Dsp.phase(rng.nextDouble()), Dsp.phase(rng.nextDouble()), Dsp.phase(rng.nextDouble())};
        double spread = 0.003 + 0.008 * rng.nextDouble();
        double[] detune = {1 - spread, 1, 1 + spread};
        int[] incs = new int[3];
        int fade = Dsp.SR / 100; // the last 10 ms close the sound so the one-shot ends cleanly
        double rollEnv = 0;
        double rollFall = 0;
        int snareBody = Dsp.phaseIncrement(180 + 60 * rng.nextDouble());
        int snarePhase = 0;
        // The seed's balance of noise and tone and the shape of the sweep: some risers are a noise wash,
        // some a climbing supersaw; some open early, some only at the end.
        double toneLevel = (style.timbre() == Style.Timbre.PAD ? 0.35 : 0.5) * Dsp.exp2(4 * rng.nextDouble() - 2);
        double noiseLevel = 1.2 * Dsp.exp2(2 * rng.nextDouble() - 1);
        double sweepShape = Dsp.exp2(2 * rng.nextDouble() - 1);
        double cutoffOctaves = Math.log(endCutoff / startCutoff) / Math.log(2);
        float inverseNorm = 1 / norm;
        float sideLevel = 0.45f;
        float[] stack = new float[CONTROL];
        int[] ramps = new int[CONTROL];
        float[] sums = new float[CONTROL];
        // The feedback chains (filters, envelopes) run sample by sample and leave the wash's mid and side
        // and the roll's hits in these arrays; a chunk of them is saturated and added at once in vectorised
        // loops.
        float[] mids = new float[CHUNK];
        float[] sides = new float[CHUNK];
        float[] gains = new float[CHUNK];
        float[] hits = new float[CHUNK];
        float[] mixL = new float[CHUNK];
        float[] mixR = new float[CHUNK];
        boolean rolls = rollFrames.length > 0;
        // Silent until its first hit, the roll's filter starts SNARE_SETTLE before it: by then the band pass
        // has forgotten its start (e^-47), so the hits come out as if it had run from the beginning.
        int snareFrom = rolls ? Math.max(0, rollFrames[0] - SNARE_SETTLE) : Integer.MAX_VALUE;
        int nextHit = rolls ? rollFrames[0] : -1;
        int fadeFrom = buildFrames - fade;
        int chunkStart = 0;
        for (int from = 0; from < buildFrames; from += CONTROL) {
            // Control rate: the curves move slowly, pow per sample would dominate the cost.
            int len = Math.min(CONTROL, buildFrames - from);
            double t = from / (double) buildFrames;
            double log2t = from == 0 ? Double.NEGATIVE_INFINITY : Math.log(t) / LN2;
            double amp = floor + (1 - floor) * (from == 0 ? 0 : Dsp.exp2(curve * log2t)); // t^curve
            double hz = startHz * Dsp.exp2(semitones * (from == 0 ? 0 : Dsp.exp2(PITCH_CURVE * log2t)) / 12);
            double c = startCutoff * Dsp.exp2((from == 0 ? 0 : Dsp.exp2(sweepShape * log2t)) * cutoffOctaves);
            double q = 0.8 + qTop * t;
            fm.set(c, q);
            fs.set(c * 1.08, q);
            tone.set(300 + 6000 * t * t * (0.5 + style.brightness()), 1.2);
            for (int k = 0; k < 3; k++) {
                incs[k] = Dsp.phaseIncrement(hz * detune[k]);
            }
            float g = (float) amp * inverseNorm;
            // The roll climbs faster than the wash (7 times its level over the build, saturated below), so its
            // hits stay on top to the end.
            float rollLevel = (float) ((0.25 + 0.5 * t) * (1 + 6 * t * t));
            // The supersaw of this control step in one go: its pitch holds within the step.
            java.util.Arrays.fill(stack, 0f);
            Dsp.addSaws(stack, len, phases, incs, 3, ramps, sums);
            // The gain holds within the step but in the closing fade.
            int at = from - chunkStart;
            java.util.Arrays.fill(gains, at, at + len, g);
            for (int i = Math.max(from, fadeFrom); i < from + len; i++) {
                gains[i - chunkStart] = g * ((buildFrames - i) / (float) fade);
            }
            for (int j = 0; j < len; j++) {
                int i = from + j;
                int k = i - chunkStart;
                fm.tick(nm.next());
                fs.tick(ns.next());
                tone.tick(stack[j] * 0.33f);
                float mid = (float) (fm.band * noiseLevel + tone.low * toneLevel);
                mids[k] = mid;
                sides[k] = (float) (fs.band * noiseLevel) * sideLevel;
                if (i >= snareFrom) {
                    // A snare-like roll on top of the build, each hit decaying within its own slot so the
                    // acceleration is heard as hits, not as a wash.
                    if (i == nextHit) {
                        rollEnv = roll.get(nextRoll).gain();
                        int next = nextRoll + 1 < rollFrames.length ? rollFrames[nextRoll + 1] : buildFrames;
                        rollFall = Math.exp(-1.0 / (0.22 * (next - i)));
                        snarePhase = 0;
                        nextRoll++;
                        nextHit = nextRoll < rollFrames.length ? rollFrames[nextRoll] : -1;
                    }
                    snare.tick(nRoll.next());
                    snarePhase += snareBody;
                    hits[k] = 0.5f * (snare.band * 1.6f + 0.5f * Dsp.sinOfPhase(snarePhase)) * (float) rollEnv * rollLevel;
                    rollEnv *= rollFall;
                } else if (rolls) { // before the roll: silence, and the roll's noise kept in step
                    nRoll.next();
                    hits[k] = 0;
                }
            }
            int filled = from + len - chunkStart;
            if (filled == CHUNK || from + len >= buildFrames) {
                addChunk(mix, chunkStart, filled, drive, mids, sides, gains, rolls ? hits : null, mixL, mixR);
                chunkStart = from + len;
            }
        }
        if (buildFrames < frames) {
            impact(mix, buildFrames, style, rng);
        }
    }

    /** Samples the roll's band pass (1.8 kHz and up, Q 1.2) runs from rest before its first hit: 10 ms. */
    private static final int SNARE_SETTLE = Dsp.SR / 100;

    /** Samples saturated and added to the mix at once: a whole number of control steps. */
    private static final int CHUNK = 8 * CONTROL;

    /**
     * Saturates a chunk of the build into the mix at {@code at}: the wash's two sides (mid plus and minus side,
     * through the drive, left in the mid and side arrays), times their gain, plus the roll's hits, saturated
     * like a snare through a drive (the hits keep their body without peaks that would push the build into the
     * limiter).
     */
    private static void addChunk(Mix mix, int at, int len, float drive, float[] mids, float[] sides, float[] gains,
                                 float[] hits, float[] mixL, float[] mixR) {
        float[] sumL = mids;
        float[] sumR = sides;
        for (int k = 0; k < len; k++) { // in the chunk, not in the feedback loop: vectorised
            float mid = mids[k];
            float side = sides[k];
            sumL[k] = drive * (mid + side);
            sumR[k] = drive * (mid - side);
        }
        Dsp.softClip(sumL, len);
        Dsp.softClip(sumR, len);
        System.arraycopy(mix.left, at, mixL, 0, len);
        System.arraycopy(mix.right, at, mixR, 0, len);
        if (hits == null) {
            for (int k = 0; k < len; k++) {
                mixL[k] += sumL[k] * gains[k];
                mixR[k] += sumR[k] * gains[k];
            }
        } else {
            Dsp.softClip(hits, len);
            for (int k = 0; k < len; k++) {
                float hit = 2f * hits[k];
                mixL[k] += sumL[k] * gains[k] + hit;
                mixR[k] += sumR[k] * gains[k] + hit;
            }
        }
        System.arraycopy(mixL, 0, mix.left, at, len);
        System.arraycopy(mixR, 0, mix.right, at, len);
    }

    /** The impact on the downbeat: a falling sub boom and a burst of bright noise ringing out to the end. */
    private static void impact(Mix mix, int at, Style style, SplittableRandom rng) {
        int length = mix.frames - at;
        int fade = Math.min(length / 4, Dsp.SR / 10);
        Dsp.Noise noise = new Dsp.Noise(rng.nextLong());
        Dsp.Noise noiseSide = new Dsp.Noise(rng.nextLong());
        Dsp.Svf bright = new Dsp.Svf().set(3000 + 3000 * style.brightness(), 0.7);
        Dsp.Svf brightSide = new Dsp.Svf().set(3300 + 3000 * style.brightness(), 0.7);
        double boomFall = Math.exp(-1.0 / (0.35 * Dsp.SR));
        double washFall = Math.exp(-1.0 / ((0.5 + 0.6 * rng.nextDouble()) * Dsp.SR));
        double pitchFall = Math.exp(-1.0 / (0.08 * Dsp.SR));
        double hz = 45 + 15 * rng.nextDouble();
        double sweep = hz * 2;
        double boom = 1.2, wash = 0.6;
        double phase = 0;
        for (int i = 0; i < length; i++) {
            phase += (hz + sweep) / Dsp.SR;
            sweep *= pitchFall;
            bright.tick(noise.next());
            brightSide.tick(noiseSide.next());
            float tail = i >= length - fade ? (length - i) / (float) fade : 1f;
            float attack = Math.min(1f, i / 44f);
            float mid = (float) (Dsp.sin(phase) * boom + bright.high * wash) * tail * attack;
            float side = (float) (brightSide.high * wash * 0.45) * tail * attack;
            mix.left[at + i] += mid + side;
            mix.right[at + i] += mid - side;
            boom *= boomFall;
            wash *= washFall;
        }
    }
}
