package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] sine(double frequency, int rate, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }

    /** Amplitude of one frequency in the middle of the signal (away from the edges), by correlation. */
    private static double amplitude(float[] x, double frequency, int rate) {
        double re = 0, im = 0;
        int from = x.length / 4, to = 3 * x.length / 4;
        for (int i = from; i < to; i++) {
            re += x[i] * Math.cos(2 * Math.PI * frequency * i / rate);
            im += x[i] * Math.sin(2 * Math.PI * frequency * i / rate);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    @Test
    void resample_keepsAToneAtItsPitchAndLevel_from32kTo44k1() {
        float[] in = sine(1000, 32_000, 32_000);

        float[] out = new Resampler(32_000, 44_100).resample(in);

        assertThat(out.length).isEqualTo(44_100);
        assertThat(amplitude(out, 1000, 44_100)).isCloseTo(0.5, within(0.005));
    }

    @Test
    void resample_removesWhatTheLowerRateCannotHold_from48kTo44k1() {
        // 23 kHz fits under 48 kHz's Nyquist but not under 44.1 kHz's: linear interpolation would fold
        // it to 21.1 kHz; a proper low-pass removes it.
        float[] in = sine(23_000, 48_000, 48_000);

        float[] out = new Resampler(48_000, 44_100).resample(in);

        assertThat(amplitude(out, 44_100 - 23_000, 44_100)).isLessThan(0.005);
    }

    @Test
    void resample_passesHighContent_belowTheCutoff() {
        float[] in = sine(15_000, 48_000, 48_000);

        float[] out = new Resampler(48_000, 44_100).resample(in);

        assertThat(amplitude(out, 15_000, 44_100)).isCloseTo(0.5, within(0.01));
    }
}
