package com.cloudmusic.audio;

/**
 * ITU-R BS.1770-4 loudness: a K-weighted, gated integrated loudness meter (LUFS), a 4x oversampled
 * true-peak estimate, and a normaliser that brings a stereo loop to a target loudness under a true-peak
 * ceiling with a look-ahead limiter that treats the loop as circular, so the seam stays seamless.
 */
public final class Loudness {

    /** Loudness every engine's output is brought to. */
    public static final double TARGET_LUFS = -14.0;
    /** True-peak ceiling in dBFS. */
    public static final double CEILING_DBTP = -1.0;

    private static final double ABSOLUTE_GATE = -70.0;
    private static final double RELATIVE_GATE = -10.0;
    // 4x oversampling: three fractional phases of an 8-tap Hann-windowed sinc between samples n and n+1.
    private static final int TAPS = 8;
    private static final float[][] PHASES = interpolationPhases();

    private Loudness() {
    }

    /** Integrated loudness in LUFS of a stereo signal; -70 or less for silence. */
    public static double integratedLufs(float[] left, float[] right, int sampleRate) {
        int step = Math.max(1, sampleRate / 10); // 100 ms: blocks of 400 ms overlap by 75 %
        int steps = left.length / step;
        if (steps < 4) { // shorter than one gating block: measure the whole signal as one block
            double power = kWeightedSum(left, sampleRate, step, null) + kWeightedSum(right, sampleRate, step, null);
            return power <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power / left.length);
        }
        double[] sums = new double[steps];
        kWeightedSum(left, sampleRate, step, sums);
        kWeightedSum(right, sampleRate, step, sums);
        int blocks = steps - 3;
        double[] power = new double[blocks];
        for (int j = 0; j < blocks; j++) {
            power[j] = (sums[j] + sums[j + 1] + sums[j + 2] + sums[j + 3]) / (4.0 * step);
        }
        double absolute = gatedMean(power, powerOf(ABSOLUTE_GATE));
        if (Double.isNaN(absolute)) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = gatedMean(power, absolute * powerOf(RELATIVE_GATE));
        return -0.691 + 10 * Math.log10(relative);
    }

    private static double powerOf(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double gatedMean(double[] power, double threshold) {
        double sum = 0;
        int n = 0;
        for (double p : power) {
            if (p > threshold) {
                sum += p;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Runs the two K-weighting biquads (high shelf, then high pass, coefficients derived for the sample
     * rate as in BS.1770) and sums squared output per step; returns the total.
     */
    private static double kWeightedSum(float[] x, int sampleRate, int step, double[] sums) {
        double k = Math.tan(Math.PI * 1681.974450955533 / sampleRate);
        double q = 0.7071752369554196;
        double vh = Math.pow(10, 3.999843853973347 / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double sb0 = (vh + vb * k / q + k * k) / a0;
        double sb1 = 2 * (k * k - vh) / a0;
        double sb2 = (vh - vb * k / q + k * k) / a0;
        double sa1 = 2 * (k * k - 1) / a0;
        double sa2 = (1 - k / q + k * k) / a0;
        double kh = Math.tan(Math.PI * 38.13547087602444 / sampleRate);
        double qh = 0.5003270373238773;
        double h0 = 1 + kh / qh + kh * kh;
        double ha1 = 2 * (kh * kh - 1) / h0;
        double ha2 = (1 - kh / qh + kh * kh) / h0;

        double s1 = 0, s2 = 0, h1 = 0, h2 = 0, total = 0, acc = 0;
        int inStep = 0, stepIndex = 0;
        for (float v : x) {
            // transposed direct form II
            double y = sb0 * v + s1;
            s1 = sb1 * v - sa1 * y + s2;
            s2 = sb2 * v - sa2 * y;
            double z = y + h1;
            h1 = -2 * y - ha1 * z + h2;
            h2 = y - ha2 * z;
            acc += z * z;
            if (++inStep == step) {
                if (sums != null && stepIndex < sums.length) {
                    sums[stepIndex] += acc;
                }
                stepIndex++;
                total += acc;
                acc = 0;
                inStep = 0;
            }
        }
        return total + acc;
    }

    /** Largest absolute sample value of both channels. */
    public static double samplePeak(float[] left, float[] right) {
        float peak = 0;
        for (int i = 0; i < left.length; i++) {
            peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
        }
        return peak;
    }

    /** True-peak estimate (linear) from 4x oversampling, reading the signal as a loop. */
    public static double truePeak(float[] left, float[] right) {
        float[] peaks = new float[left.length];
        peakEnvelope(left, peaks, 0f);
        peakEnvelope(right, peaks, 0f);
        float max = 0;
        for (float p : peaks) {
            max = Math.max(max, p);
        }
        return max;
    }

    public static double toDb(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-12));
    }

    /**
     * Brings a stereo loop (in place) to {@code targetLufs} with its true peak at or under
     * {@code ceilingDbtp}: gain, then a circular look-ahead limiter, repeated until the loudness settles.
     *
     * @return the integrated loudness reached
     */
    public static double normalize(float[] left, float[] right, int sampleRate, double targetLufs, double ceilingDbtp) {
        // A little margin under the ceiling absorbs the interpolation error of the estimate.
        float ceiling = (float) Math.pow(10, (ceilingDbtp - 0.2) / 20);
        float[] work = new float[left.length];
        double lufs = integratedLufs(left, right, sampleRate);
        if (!Double.isFinite(lufs)) {
            return lufs;
        }
        for (int round = 0; round < 4; round++) {
            float gain = (float) Math.pow(10, (targetLufs - lufs) / 20);
            for (int i = 0; i < left.length; i++) {
                left[i] *= gain;
                right[i] *= gain;
            }
            limit(left, right, ceiling, sampleRate, work);
            lufs = integratedLufs(left, right, sampleRate);
            if (Math.abs(lufs - targetLufs) < 0.25) {
                break;
            }
        }
        // Last guard: no sample at or above the ceiling, whatever the limiter left.
        double peak = samplePeak(left, right);
        if (peak > ceiling) {
            float g = (float) (ceiling / peak);
            for (int i = 0; i < left.length; i++) {
                left[i] *= g;
                right[i] *= g;
            }
            lufs = integratedLufs(left, right, sampleRate);
        }
        return lufs;
    }

    /**
     * Look-ahead peak limiter, stereo linked, circular. The gain at n is the mean over [n-L, n] of the
     * forward minimum over [k, k+L] of the needed gain, which never exceeds the gain needed at n, so
     * nothing overshoots, yet the gain moves smoothly; a slower release then lets it recover.
     */
    static void limit(float[] left, float[] right, float ceiling, int sampleRate, float[] need) {
        int n = left.length;
        java.util.Arrays.fill(need, 0f);
        // Interpolating only near the ceiling keeps this cheap; far below it no inter-sample peak can reach it.
        float threshold = ceiling * 0.55f;
        peakEnvelope(left, need, threshold);
        peakEnvelope(right, need, threshold);
        boolean any = false;
        for (int i = 0; i < n; i++) {
            float p = need[i];
            if (p > ceiling) {
                need[i] = ceiling / p;
                any = true;
            } else {
                need[i] = 1f;
            }
        }
        if (!any) {
            return;
        }
        int look = Math.max(1, Math.min(n - 1, sampleRate * 3 / 1000)); // 3 ms
        float[] min = forwardMinimum(need, look);
        // Box mean over the last look+1 values, circular.
        float[] gain = need; // reuse: need is no longer read
        double acc = 0;
        for (int k = -look; k <= 0; k++) {
            acc += min[Math.floorMod(k, n)];
        }
        float inv = 1f / (look + 1);
        for (int i = 0; i < n; i++) {
            gain[i] = (float) (acc * inv);
            acc += min[(i + 1) % n] - min[Math.floorMod(i - look, n)];
        }
        // Release: the gain may only rise slowly; two laps so the state at the seam is the settled one.
        float release = (float) Math.exp(-1.0 / (0.08 * sampleRate));
        float g = 1f;
        for (int lap = 0; lap < 2; lap++) {
            for (int i = 0; i < n; i++) {
                float rising = 1f - (1f - g) * release;
                g = Math.min(gain[i], rising);
                if (lap == 1) {
                    left[i] *= g;
                    right[i] *= g;
                }
            }
        }
    }

    private static float[] forwardMinimum(float[] x, int look) {
        int n = x.length;
        float[] out = new float[n];
        // Monotonic deque over the circular sequence x[i .. i+look].
        int[] deque = new int[n + look + 1];
        int head = 0, tail = 0;
        for (int j = n + look - 1; j >= 0; j--) {
            float v = x[j % n];
            while (tail > head && x[deque[tail - 1] % n] >= v) {
                tail--;
            }
            deque[tail++] = j;
            while (deque[head] > j + look) {
                head++;
            }
            if (j < n) {
                out[j] = x[deque[head] % n];
            }
        }
        return out;
    }

    /** Raises env[i] to the 4x oversampled peak of x around sample i (x read as a loop). */
    private static void peakEnvelope(float[] x, float[] env, float threshold) {
        int n = x.length;
        float[] taps0 = PHASES[0], taps1 = PHASES[1], taps2 = PHASES[2];
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[i]);
            float e = Math.max(env[i], a);
            float next = Math.abs(x[i + 1 < n ? i + 1 : 0]);
            if (Math.max(a, next) > threshold) {
                float p0 = 0, p1 = 0, p2 = 0;
                for (int t = 0; t < TAPS; t++) {
                    int idx = i - TAPS / 2 + 1 + t;
                    float v = idx >= 0 && idx < n ? x[idx] : x[Math.floorMod(idx, n)];
                    p0 += taps0[t] * v;
                    p1 += taps1[t] * v;
                    p2 += taps2[t] * v;
                }
                e = Math.max(e, Math.max(Math.abs(p0), Math.max(Math.abs(p1), Math.abs(p2))));
            }
            env[i] = e;
        }
    }

    private static float[][] interpolationPhases() {
        float[][] phases = new float[3][TAPS];
        for (int p = 0; p < 3; p++) {
            double frac = (p + 1) / 4.0;
            double sum = 0;
            for (int t = 0; t < TAPS; t++) {
                double d = (t - TAPS / 2 + 1) - frac; // distance of tap from the interpolation point
                double sinc = Math.abs(d) < 1e-9 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
                double window = 0.5 + 0.5 * Math.cos(Math.PI * d / (TAPS / 2.0 + 1));
                phases[p][t] = (float) (sinc * window);
                sum += sinc * window;
            }
            for (int t = 0; t < TAPS; t++) {
                phases[p][t] /= (float) sum;
            }
        }
        return phases;
    }
}
