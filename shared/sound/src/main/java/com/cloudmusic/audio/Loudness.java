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
            double power = kWeightedSum(left, right, sampleRate, step, null);
            return power <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power / left.length);
        }
        double[] sums = new double[steps];
        kWeightedSum(left, right, sampleRate, step, sums);
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
     * rate as in BS.1770) over both channels and sums the squared outputs per step; returns the total.
     * Both channels go through one loop: the filters are recursive, so each channel alone is bound by the
     * latency of its feedback chain, and two independent chains side by side run in the time of one.
     */
    private static double kWeightedSum(float[] left, float[] right, int sampleRate, int step, double[] sums) {
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

        // transposed direct form II, state per channel: shelf s1 s2, high pass h1 h2
        double ls1 = 0, ls2 = 0, lh1 = 0, lh2 = 0, rs1 = 0, rs2 = 0, rh1 = 0, rh2 = 0;
        double total = 0;
        int n = left.length;
        int stepIndex = 0;
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            double acc = 0;
            for (int i = from; i < to; i++) {
                double vl = left[i];
                double vr = right[i];
                double yl = sb0 * vl + ls1;
                double yr = sb0 * vr + rs1;
                ls1 = sb1 * vl - sa1 * yl + ls2;
                rs1 = sb1 * vr - sa1 * yr + rs2;
                ls2 = sb2 * vl - sa2 * yl;
                rs2 = sb2 * vr - sa2 * yr;
                double zl = yl + lh1;
                double zr = yr + rh1;
                lh1 = -2 * yl - ha1 * zl + lh2;
                rh1 = -2 * yr - ha1 * zr + rh2;
                lh2 = yl - ha2 * zl;
                rh2 = yr - ha2 * zr;
                acc += zl * zl + zr * zr;
            }
            if (to - from == step && sums != null && stepIndex < sums.length) {
                sums[stepIndex] += acc;
            }
            stepIndex++;
            total += acc;
        }
        return total;
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
        return Math.max(truePeak(left), truePeak(right));
    }

    private static float truePeak(float[] x) {
        int n = x.length;
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.max(Math.abs(x[i]), interpolatedPeak(x, i)));
        }
        return max;
    }

    public static double toDb(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-12));
    }

    /**
     * Brings a stereo loop (in place) to {@code targetLufs} with its true peak at or under
     * {@code ceilingDbtp}: gain, then a circular look-ahead limiter where the true peak needs it, measured
     * again only when the limiter took something away (gain alone moves the loudness by exactly its dB).
     *
     * @return the integrated loudness reached
     */
    public static double normalize(float[] left, float[] right, int sampleRate, double targetLufs, double ceilingDbtp) {
        // A little margin under the ceiling absorbs the interpolation error of the estimate.
        float ceiling = (float) Math.pow(10, (ceilingDbtp - 0.2) / 20);
        double lufs = integratedLufs(left, right, sampleRate);
        if (!Double.isFinite(lufs)) {
            return lufs;
        }
        float[] work = null;
        float peak = 0;
        for (int round = 0; round < 4; round++) {
            float gain = (float) Math.pow(10, (targetLufs - lufs) / 20);
            peak = 0;
            for (int i = 0; i < left.length; i++) {
                float l = left[i] * gain;
                float r = right[i] * gain;
                left[i] = l;
                right[i] = r;
                peak = Math.max(peak, Math.max(Math.abs(l), Math.abs(r)));
            }
            // Interpolating only near the ceiling keeps this cheap; far below it no inter-sample peak can reach it.
            float threshold = ceiling * LIMIT_THRESHOLD;
            if (peak <= threshold || !exceeds(left, ceiling, threshold) && !exceeds(right, ceiling, threshold)) {
                lufs += toDb(gain);
                break;
            }
            if (work == null) {
                work = new float[left.length];
            }
            limit(left, right, ceiling, sampleRate, work);
            peak = (float) samplePeak(left, right);
            lufs = integratedLufs(left, right, sampleRate);
            if (Math.abs(lufs - targetLufs) < 0.25) {
                break;
            }
        }
        // Last guard: no sample at or above the ceiling, whatever the limiter left.
        if (peak > ceiling) {
            float g = ceiling / peak;
            for (int i = 0; i < left.length; i++) {
                left[i] *= g;
                right[i] *= g;
            }
            lufs = integratedLufs(left, right, sampleRate);
        }
        return lufs;
    }

    /** Below this fraction of the ceiling a sample and its neighbour cannot make an inter-sample peak over it. */
    private static final float LIMIT_THRESHOLD = 0.55f;

    /**
     * Look-ahead peak limiter, stereo linked, circular. The gain at n is the mean over [n-L, n] of the
     * forward minimum over [k, k+L] of the needed gain, which never exceeds the gain needed at n, so
     * nothing overshoots, yet the gain moves smoothly; a slower release then lets it recover. Works in
     * the one scratch array {@code need} (as long as the signal) with only look-ahead-sized extras.
     *
     * @return whether any gain reduction was needed (if not, the signal is untouched)
     */
    static boolean limit(float[] left, float[] right, float ceiling, int sampleRate, float[] need) {
        int n = left.length;
        java.util.Arrays.fill(need, 0f);
        float threshold = ceiling * LIMIT_THRESHOLD;
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
            return false;
        }
        int look = Math.max(1, Math.min(n - 1, sampleRate * 3 / 1000)); // 3 ms
        forwardMinimumInPlace(need, look);
        boxMeanInPlace(need, look);
        float[] gain = need;
        // Release: the gain may only rise slowly; two laps so the state at the seam is the settled one.
        float release = (float) Math.exp(-1.0 / (0.08 * sampleRate));
        float g = 1f;
        for (int i = 0; i < n; i++) {
            g = Math.min(gain[i], 1f - (1f - g) * release);
        }
        for (int i = 0; i < n; i++) {
            g = Math.min(gain[i], 1f - (1f - g) * release);
            left[i] *= g;
            right[i] *= g;
        }
        return true;
    }

    /** x[j] becomes the minimum of x over [j, j+look] read as a loop (monotonic deque of look+2 entries). */
    private static void forwardMinimumInPlace(float[] x, int look) {
        int n = x.length;
        int capacity = look + 2;
        int[] index = new int[capacity];
        float[] value = new float[capacity];
        int head = 0, size = 0;
        // Walking backwards, x[j] is read before it is overwritten; the wrapped reads (j >= n) come first.
        for (int j = n + look - 1; j >= 0; j--) {
            float v = x[j < n ? j : j - n];
            while (size > 0 && value[(head + size - 1) % capacity] >= v) {
                size--;
            }
            int slot = (head + size) % capacity;
            index[slot] = j;
            value[slot] = v;
            size++;
            while (index[head] > j + look) {
                head = (head + 1) % capacity;
                size--;
            }
            if (j < n) {
                x[j] = value[head];
            }
        }
    }

    /** x[i] becomes the mean of x over [i-look, i] read as a loop; overwritten values are kept in a ring. */
    private static void boxMeanInPlace(float[] x, int look) {
        int n = x.length;
        int span = look + 1;
        float[] ring = new float[span];
        double acc = 0;
        for (int k = -look; k <= 0; k++) {
            acc += x[Math.floorMod(k, n)];
        }
        float first = x[0];
        float inv = 1f / span;
        for (int i = 0; i < n; i++) {
            int back = i - look;
            float old = back >= 0 ? ring[back % span] : x[back + n];
            ring[i % span] = x[i];
            x[i] = (float) (acc * inv);
            float ahead = i + 1 < n ? x[i + 1] : first;
            acc += ahead - old;
        }
    }

    /** Whether a sample or an inter-sample peak of x (read as a loop) goes over the ceiling; the limiter's test. */
    private static boolean exceeds(float[] x, float ceiling, float threshold) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[i]);
            if ((a > threshold || Math.abs(x[i + 1 < n ? i + 1 : 0]) > threshold)
                    && (a > ceiling || interpolatedPeak(x, i) > ceiling)) {
                return true;
            }
        }
        return false;
    }

    /** Raises env[i] to the 4x oversampled peak of x around sample i (x read as a loop). */
    private static void peakEnvelope(float[] x, float[] env, float threshold) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[i]);
            float e = Math.max(env[i], a);
            float next = Math.abs(x[i + 1 < n ? i + 1 : 0]);
            if (Math.max(a, next) > threshold) {
                e = Math.max(e, interpolatedPeak(x, i));
            }
            env[i] = e;
        }
    }

    /** Largest magnitude of the three interpolated points between x[i] and x[i+1] (x read as a loop). */
    private static float interpolatedPeak(float[] x, int i) {
        int n = x.length;
        float[] taps0 = PHASES[0], taps1 = PHASES[1], taps2 = PHASES[2];
        float p0 = 0, p1 = 0, p2 = 0;
        int first = i - TAPS / 2 + 1;
        boolean inside = first >= 0 && first + TAPS <= n;
        for (int t = 0; t < TAPS; t++) {
            int idx = first + t;
            float v = inside ? x[idx] : x[Math.floorMod(idx, n)];
            p0 += taps0[t] * v;
            p1 += taps1[t] * v;
            p2 += taps2[t] * v;
        }
        return Math.max(Math.abs(p0), Math.max(Math.abs(p1), Math.abs(p2)));
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
