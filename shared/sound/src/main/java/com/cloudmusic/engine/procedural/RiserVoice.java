package com.cloudmusic.engine.procedural;

import java.util.SplittableRandom;

/**
 * A build-up across the whole loop: stereo noise through a rising, tightening band pass, a detuned saw
 * stack gliding up an octave or two, and with intensity a snare-like roll that doubles its rate as it
 * climbs. It peaks at the loop end and stops there (a one-shot).
 */
final class RiserVoice {

    private RiserVoice() {
    }

    static void render(Mix mix, Grid grid, Style style, int rootPitchClass, SplittableRandom rng) {
        int frames = mix.frames;
        double startCutoff = 180 + 200 * style.brightness();
        double endCutoff = 5000 + 9000 * style.brightness();
        double semitones = style.intensity() >= 3 || style.density() > 0.5 ? 24 : 12;
        double startHz = Dsp.midiToHz(48 + rootPitchClass);
        double curve = 2.2 - 0.8 * style.density(); // energetic rises earlier
        float drive = (float) (1 + 1.5 * style.drive());
        float norm = Dsp.softClip(drive);
        boolean roll = style.intensity() >= 3 || style.density() > 0.45;

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
        int nextHit = 0;
        double toneLevel = style.timbre() == Style.Timbre.PAD ? 0.35 : 0.5;
        double cutoffOctaves = Math.log(endCutoff / startCutoff) / Math.log(2);
        float inverseNorm = 1 / norm;
        float g = 0;
        for (int i = 0; i < frames; i++) {
            if ((i & 31) == 0) { // control rate: the curves move slowly, pow per sample would dominate the cost
                double t = i / (double) frames;
                double log2t = i == 0 ? Double.NEGATIVE_INFINITY : Math.log(t) / Math.log(2);
                double amp = i == 0 ? 0 : Dsp.exp2(curve * log2t); // t^curve
                double hz = startHz * Dsp.exp2(semitones * (i == 0 ? 0 : Dsp.exp2(1.6 * log2t)) / 12);
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
            if (roll) {
                if (i == nextHit) {
                    double t = i / (double) frames;
                    rollEnv = 0.35 + 0.65 * t;
                    // Quarter notes, then 8ths, 16ths, and 32nds at the top for the hottest settings.
                    double division = t < 0.5 ? 1 : t < 0.75 ? 2 : t < 0.9 || style.intensity() < 5 ? 4 : 8;
                    nextHit = i + (int) Math.round(grid.beatFrames / division);
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
