package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DspTest {

    @Test
    void addSaws_matchesThePerSamplePolyBlepSaws_acrossBlocksAndWraps() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int count = 1 + rng.nextInt(6);
            int[] phases = new int[count];
            int[] incs = new int[count];
            int[] reference = new int[count];
            for (int k = 0; k < count; k++) {
                incs[k] = Dsp.phaseIncrement(30 + rng.nextDouble() * 8000);
                phases[k] = rng.nextInt();
                reference[k] = phases[k];
            }
            int[] ramps = new int[Dsp.MAX_SAW_BLOCK];
            float[] sums = new float[Dsp.MAX_SAW_BLOCK];
            for (int block = 0; block < 8; block++) {
                int len = 1 + rng.nextInt(96);
                float[] fast = new float[len];
                float[] slow = new float[len];
                Dsp.addSaws(fast, len, phases, incs, count, ramps, sums);
                for (int k = 0; k < count; k++) {
                    for (int j = 0; j < len; j++) {
                        reference[k] += incs[k];
                        slow[j] += Dsp.sawOfPhase(reference[k], Dsp.cycles(incs[k]));
                    }
                }
                assertThat(phases).isEqualTo(reference);
                for (int j = 0; j < len; j++) {
                    assertThat(fast[j]).as("trial %d block %d sample %d", trial, block, j).isCloseTo(slow[j], within(1e-5f));
                }
            }
        }
    }

    @Test
    void highPass24_inHalves_matchesOneStraightPassOfTheTwoFilters() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 5 * Dsp.SR + 3; // long enough for the halves, and odd
        float[] x = new float[n];
        Dsp.Svf slowBass = new Dsp.Svf().set(40, 0.9);
        for (int i = 0; i < n; i++) { // noise with a lot of energy near and under the cutoff
            slowBass.tick((float) (rng.nextDouble() * 2 - 1));
            x[i] = 0.2f * (float) (rng.nextDouble() * 2 - 1) + 4 * slowBass.low;
        }
        float[] expected = straightHighPass24(x, 120);

        Dsp.highPass24(x, n, 120);

        for (int i = 0; i < n; i++) {
            assertThat(x[i]).as("sample %d", i).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @Test
    void highPass24_ringsDownIntoTrailingSilence_asOneStraightPassWould_andLeavesNoSubnormals() {
        SplittableRandom rng = new SplittableRandom(9);
        int sound = 2 * Dsp.SR;
        int n = sound + 3 * Dsp.SR; // a bass line, then the silence of a reverb tail's room
        float[] x = new float[n];
        for (int i = 0; i < sound; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        float[] expected = straightHighPass24(x, 28);

        Dsp.highPass24(x, n, 28);

        for (int i = 0; i < n; i++) {
            assertThat(x[i]).as("sample %d", i).isCloseTo(expected[i], within(1e-5f));
            // Subnormal floats cost every later stage many times a normal operation.
            assertThat(x[i] == 0 || Math.abs(x[i]) >= Float.MIN_NORMAL).as("sample %d is %s", i, x[i]).isTrue();
        }
        assertThat(x[sound + Dsp.SR / 10]).as("the filter still rings 0.1 s into the silence").isNotZero();
    }

    /** The two state-variable high passes in series, one sample after another: what highPass24 must match. */
    private static float[] straightHighPass24(float[] x, double hz) {
        float[] out = x.clone();
        Dsp.Svf first = new Dsp.Svf().set(hz, 0.7071);
        Dsp.Svf second = new Dsp.Svf().set(hz, 0.7071);
        for (int i = 0; i < out.length; i++) {
            first.tick(out[i]);
            second.tick(first.high);
            out[i] = second.high;
        }
        return out;
    }

    @Test
    void tableFunctions_matchTheMathTheyReplace() {
        for (double x = -20; x <= 20; x += 0.0137) {
            assertThat(Dsp.exp2(x) / Math.pow(2, x)).isCloseTo(1.0, within(1e-6));
        }
        for (double hz = 10; hz <= 0.45 * Dsp.SR; hz *= 1.01) {
            assertThat(Dsp.prewarp(hz) / Math.tan(Math.PI * hz / Dsp.SR)).isCloseTo(1.0, within(1e-5));
        }
        for (int i = 0; i < 1000; i++) {
            double cycles = i / 1000.0;
            assertThat((double) Dsp.sinOfPhase(Dsp.phase(cycles))).isCloseTo(Math.sin(2 * Math.PI * cycles), within(1e-5));
        }
    }

    @Test
    void softClipOverAnArray_givesTheSameValuesAsOneSampleAtATime_withinAndBeyondTheKnees() {
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = new float[4096];
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) (rng.nextDouble() * 12 - 6); // well past the curve's ends at -3 and 3
        }
        x[0] = 3f;
        x[1] = -3f;
        x[2] = 0f;
        float[] clipped = x.clone();

        Dsp.softClip(clipped, clipped.length);

        for (int j = 0; j < x.length; j++) {
            assertThat(Float.floatToIntBits(clipped[j])).as("x = %s", x[j]).isEqualTo(Float.floatToIntBits(Dsp.softClip(x[j])));
        }
    }
}
