package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    private static final int SR = 44_100;

    private static float[] sine(double hz, double dbfs, double seconds) {
        float[] x = new float[(int) (seconds * SR)];
        double a = Math.pow(10, dbfs / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (a * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return x;
    }

    @Test
    void integratedLufs_reads1kHzSineAtMinus20Dbfs_asMinus20Lufs_inStereo() {
        float[] tone = sine(997, -20, 5);

        assertThat(Loudness.integratedLufs(tone, tone.clone(), SR)).isCloseTo(-20, within(0.1));
    }

    @Test
    void integratedLufs_gatesOutSilence() {
        float[] tone = sine(997, -20, 5);
        float[] padded = new float[tone.length * 2];
        System.arraycopy(tone, 0, padded, 0, tone.length);

        assertThat(Loudness.integratedLufs(padded, padded.clone(), SR)).isCloseTo(-20, within(0.2));
    }

    @Test
    void integratedLufs_weighsLowFrequenciesLess() {
        float[] low = sine(30, -20, 5);

        assertThat(Loudness.integratedLufs(low, low.clone(), SR)).isLessThan(-21);
    }

    @Test
    void normalize_bringsQuietAndHotSignalsToTarget_underCeiling() {
        for (double level : new double[] {-40, -3}) {
            float[] l = sine(220, level, 4);
            float[] r = sine(330, level, 4);
            // Sharp transients force the limiter to work.
            for (int i = 0; i < l.length; i += SR / 2) {
                l[i] = r[i] = 0.9f;
            }

            double reached = Loudness.normalize(l, r, SR, -14, -1);

            assertThat(reached).isCloseTo(-14, within(1.0));
            assertThat(Loudness.integratedLufs(l, r, SR)).isCloseTo(-14, within(1.0));
            assertThat(Loudness.toDb(Loudness.truePeak(l, r))).isLessThanOrEqualTo(-1.0);
        }
    }
}
