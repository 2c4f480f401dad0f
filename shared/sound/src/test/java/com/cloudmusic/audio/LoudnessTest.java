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

    @Test
    void limit_givesTheSameSound_whenOnlyAFewPeaksPassTheCeiling_asTheWholeLoopPass() {
        float ceiling = (float) Math.pow(10, -1.2 / 20);
        java.util.Random random = new java.util.Random(7);
        int n = 5 * SR;
        float[] l = sine(220, -12, 5);
        float[] r = sine(330, -12, 5);
        // Peaks here and there, two of them at the seam, where the gain and its release wrap around the loop.
        for (int at : new int[] {3, n - 40, 20_000, 20_300, 90_000, 150_000, 151_000}) {
            l[at] = 0.8f + 0.5f * random.nextFloat();
            r[at] = -l[at];
        }
        float[] wholeL = l.clone();
        float[] wholeR = r.clone();

        boolean limited = Loudness.limit(l, r, ceiling, SR, new float[n]);
        Loudness.limitEveryWhere(wholeL, wholeR, ceiling, SR, new float[n]);

        assertThat(limited).isTrue();
        for (int i = 0; i < n; i++) {
            assertThat(l[i]).as("left %d", i).isCloseTo(wholeL[i], within(3e-7f));
            assertThat(r[i]).as("right %d", i).isCloseTo(wholeR[i], within(3e-7f));
        }
        assertThat(Loudness.truePeak(l, r)).isLessThanOrEqualTo(ceiling * 1.02);
    }

    @Test
    void limit_leavesALoopAlone_whenNoPeakPassesTheCeiling() {
        float[] l = sine(220, -6, 2);
        float[] r = sine(330, -6, 2);
        float[] before = l.clone();

        boolean limited = Loudness.limit(l, r, (float) Math.pow(10, -1.2 / 20), SR, new float[l.length]);

        assertThat(limited).isFalse();
        assertThat(l).isEqualTo(before);
    }

    @Test
    void normalize_reportsTheLoudnessItLeft_whenTheLimiterActedInAFewPlaces() {
        float[] l = sine(220, -20, 20);
        float[] r = sine(330, -20, 20);
        // Two spikes: after the gain to -14 LUFS they pass the ceiling, so the limiter acts around them only
        // and the loudness is measured again there, not over the whole 20 s.
        for (int at : new int[] {1_000, 400_000}) {
            l[at] = 0.6f;
            r[at] = -0.6f;
        }

        double reached = Loudness.normalize(l, r, SR, -14, -1);

        assertThat(Loudness.toDb(Loudness.samplePeak(l, r))).isLessThan(-1.0);
        assertThat(reached).isCloseTo(Loudness.integratedLufs(l, r, SR), within(1e-6));
        assertThat(reached).isCloseTo(-14, within(0.25));
    }
}
