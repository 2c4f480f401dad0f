package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A build-up across the whole loop: stereo noise through a rising, tightening band pass, a detuned saw
 * stack gliding up an octave or two, and with intensity a snare-like roll that doubles its rate as it
 * climbs. It peaks at the loop end and stops there (a one-shot).
 */
final class RiserVoice {

    private RiserVoice() {
    }

    /** How the pitch climbs over the build: semitones above the start at t^PITCH_CURVE of the way. */
    private static final double PITCH_CURVE = 1.6;

    /**
     * The build: a line climbing from the key's root an octave or two by the end (one note a beat, gliding),
     * and with intensity a roll that doubles its rate as it climbs.
     */
    static List<Part> compose(Grid grid, Style style, int rootPitchClass, SplittableRandom rng) {
        int semitones = style.intensity() >= 3 || style.density() > 0.5 ? 24 : 12;
        int startPitch = 48 + rootPitchClass;
        int beats = grid.bars * 4;
        List<Note> line = new ArrayList<>();
        for (int beat = 0; beat <= beats; beat++) {
            double t = beat / (double) beats;
            int pitch = startPitch + (int) Math.round(semitones * Math.pow(t, PITCH_CURVE));
            int tick = Math.min(beat, beats - 1) * Score.TICKS_PER_BEAT;
            if (beat < beats) {
                line.add(new Note(tick, Score.TICKS_PER_BEAT, pitch, 40 + (int) (87 * t), beat > 0));
            } else { // the top note, reached on the last beat
                Note last = line.remove(line.size() - 1);
                line.add(new Note(last.start(), last.length(), pitch, last.velocity(), true));
            }
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("riser", false, line));
        if (style.intensity() >= 3 || style.density() > 0.45) {
            List<Note> roll = new ArrayList<>();
            int total = grid.bars * Score.TICKS_PER_BAR;
            for (int tick = 0; tick < total; ) {
                double t = tick / (double) total;
                // Quarter notes, then 8ths, 16ths, and 32nds at the top for the hottest settings.
                int division = t < 0.5 ? 1 : t < 0.75 ? 2 : t < 0.9 || style.intensity() < 5 ? 4 : 8;
                int spacing = Score.TICKS_PER_BEAT / division;
                roll.add(new Note(tick, spacing, Part.GM_SNARE, (int) Math.round((0.35 + 0.65 * t) * 127)));
                tick += spacing;
            }
            parts.add(new Part("roll", true, roll));
        }
        return parts;
    }

    static void render(Mix mix, Grid grid, Score score, Style style, SplittableRandom rng) {
        List<Note> line = score.part("riser").orElseThrow().notes();
        List<Note> roll = score.part("roll").map(Part::notes).orElse(List.of());
        int frames = mix.frames;
        double startCutoff = 180 + 200 * style.brightness();
        double endCutoff = 5000 + 9000 * style.brightness();
        double semitones = line.get(line.size() - 1).pitch() - line.get(0).pitch();
        double startHz = Dsp.midiToHz(line.get(0).pitch());
        double curve = 2.2 - 0.8 * style.density(); // energetic rises earlier
        float drive = (float) (1 + 1.5 * style.drive());
        float norm = Dsp.softClip(drive);
        int[] rollFrames = roll.stream().mapToInt(n -> grid.frameOf(n.start())).toArray();
        int nextRoll = 0;

        Dsp.Noise nl = new Dsp.Noise(rng.nextLong());
        Dsp.Noise nr = new Dsp.Noise(rng.nextLong());
        Dsp.Noise nRoll = new Dsp.Noise(rng.nextLong());
        Dsp.Svf fl = new Dsp.Svf();
        Dsp.Svf fr = new Dsp.Svf();
        Dsp.Svf tone = new Dsp.Svf();
        int[] phases = {Dsp.phase(rng.nextDouble()), Dsp.phase(rng.nextDouble()), Dsp.phase(rng.nextDouble())};
        double[] detune = {1 - 0.007, 1, 1 + 0.0065};
        int[] incs = new int[3];
        float[] dts = new float[3];
        int fade = Dsp.SR / 100; // the last 10 ms close the sound so the one-shot ends cleanly
        double rollEnv = 0;
        double rollFall = Math.exp(-1.0 / (0.035 * Dsp.SR));
        double toneLevel = style.timbre() == Style.Timbre.PAD ? 0.35 : 0.5;
        double cutoffOctaves = Math.log(endCutoff / startCutoff) / Math.log(2);
        float inverseNorm = 1 / norm;
        float g = 0;
        for (int i = 0; i < frames; i++) {
            if ((i & 31) == 0) { // control rate: the curves move slowly, pow per sample would dominate the cost
                double t = i / (double) frames;
                double log2t = i == 0 ? Double.NEGATIVE_INFINITY : Math.log(t) / Math.log(2);
                double amp = i == 0 ? 0 : Dsp.exp2(curve * log2t); // t^curve
                double hz = startHz * Dsp.exp2(semitones * (i == 0 ? 0 : Dsp.exp2(PITCH_CURVE * log2t)) / 12);
                double c = startCutoff * Dsp.exp2(t * cutoffOctaves);
                double q = 0.8 + 3.5 * t;
                fl.set(c, q);
                fr.set(c * 1.05, q);
                tone.set(300 + 6000 * t * t * (0.5 + style.brightness()), 1.2);
                for (int k = 0; k < 3; k++) {
                    incs[k] = Dsp.phaseIncrement(hz * detune[k]);
                    dts[k] = Dsp.cycles(incs[k]);
                }
                g = (float) amp * inverseNorm;
            }
            fl.tick(nl.next());
            fr.tick(nr.next());
            int p0 = phases[0] + incs[0], p1 = phases[1] + incs[1], p2 = phases[2] + incs[2];
            phases[0] = p0;
            phases[1] = p1;
            phases[2] = p2;
            float stack = Dsp.sawOfPhase(p0, dts[0]) + Dsp.sawOfPhase(p1, dts[1]) + Dsp.sawOfPhase(p2, dts[2]);
            tone.tick(stack * 0.33f);
            float rollSample = 0;
            if (rollFrames.length > 0) {
                if (nextRoll < rollFrames.length && i == rollFrames[nextRoll]) {
                    rollEnv = roll.get(nextRoll).gain();
                    nextRoll++;
                }
                rollSample = nRoll.next() * (float) rollEnv;
                rollEnv *= rollFall;
            }
            float l = (float) (fl.band * 1.2 + tone.low * toneLevel + rollSample * 0.35);
            float r = (float) (fr.band * 1.2 + tone.low * toneLevel + rollSample * 0.35);
            float gain = g;
            if (i >= frames - fade) {
                gain *= (frames - i) / (float) fade;
            }
            mix.left[i] += Dsp.softClip(drive * l) * gain;
            mix.right[i] += Dsp.softClip(drive * r) * gain;
        }
    }
}
