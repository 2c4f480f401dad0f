package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DspTest {

    @Test
    void addSaw_matchesThePerSamplePolyBlepSaw_acrossBlocksAndWraps() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int inc = Dsp.phaseIncrement(30 + rng.nextDouble() * 8000);
            int phase = rng.nextInt();
            float dt = Dsp.cycles(inc);
            int reference = phase;
            for (int block = 0; block < 8; block++) {
                int len = 1 + rng.nextInt(96);
                float[] fast = new float[len];
                float[] slow = new float[len];
                phase = Dsp.addSaw(fast, len, phase, inc);
                for (int j = 0; j < len; j++) {
                    reference += inc;
                    slow[j] = Dsp.sawOfPhase(reference, dt);
                }
                assertThat(phase).isEqualTo(reference);
                for (int j = 0; j < len; j++) {
                    assertThat(fast[j]).as("trial %d block %d sample %d", trial, block, j).isCloseTo(slow[j], within(1e-5f));
                }
            }
        }
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
}
