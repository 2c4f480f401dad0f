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
            double power = kWeightedSum(left, right, sampleRate, step, null, null);
            return power <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(power / left.length);
        }
        double[] sums = new double[steps];
        kWeightedSum(left, right, sampleRate, step, sums, null);
        return gatedLufs(sums, step);
    }

    /** Integrated loudness from the K-weighted sums of squares of whole 100 ms steps (at least four). */
    private static double gatedLufs(double[] sums, int step) {
        int steps = sums.length;
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
     * The filters are recursive, so one channel alone is bound by the latency of its feedback chain: both
     * channels go through one loop, and the signal is cut in two halves run side by side, four independent
     * chains. The second half starts from rest half a second early, by when the filters have forgotten
     * their start (the high pass at 38 Hz has decayed by some e^-100), so the halves join as one pass would.
     */
    private static double kWeightedSum(float[] left, float[] right, int sampleRate, int step, double[] sums,
                                       double[][] states) {
        double[] c = kWeighting(sampleRate);
        int n = left.length;
        int fullSteps = n / step;
        int steps = (n + step - 1) / step;
        double[] perStep = new double[steps];
        double[] first = new double[8];
        int warm = (sampleRate / 2 + step - 1) / step;
        int split = steps / 2;
        if (split <= warm || fullSteps <= split) {
            runSteps(c, left, right, 0, steps, step, perStep, first, states);
        } else {
            double[] second = new double[8];
            runSteps(c, left, right, split - warm, split, step, null, second, null);
            int pairs = Math.min(split, fullSteps - split);
            runStepPairs(c, left, right, split, pairs, step, perStep, first, second, states);
            runSteps(c, left, right, pairs, split, step, perStep, first, states);
            runSteps(c, left, right, split + pairs, steps, step, perStep, second, states);
        }
        double total = 0;
        for (int s = 0; s < steps; s++) {
            if ((s + 1) * step <= n && sums != null && s < sums.length) {
                sums[s] += perStep[s];
            }
            total += perStep[s];
        }
        return total;
    }

    /** Coefficients sb0 sb1 sb2 sa1 sa2 (high shelf) and ha1 ha2 (high pass) of the K-weighting. */
    private static double[] kWeighting(int sampleRate) {
        double k = Math.tan(Math.PI * 1681.974450955533 / sampleRate);
        double q = 0.7071752369554196;
        double vh = Math.pow(10, 3.999843853973347 / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double kh = Math.tan(Math.PI * 38.13547087602444 / sampleRate);
        double qh = 0.5003270373238773;
        double h0 = 1 + kh / qh + kh * kh;
        return new double[] {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0, 2 * (kh * kh - 1) / h0, (1 - kh / qh + kh * kh) / h0};
    }

    /**
     * Steps [fromStep, toStep) of one run of the filters (transposed direct form II, state per channel:
     * shelf s1 s2, high pass h1 h2, kept in {@code state}); each step's sum of squares goes to perStep
     * (null: warm-up only).
     */
    private static void runSteps(double[] c, float[] left, float[] right, int fromStep, int toStep, int step,
                                 double[] perStep, double[] state, double[][] states) {
        double sb0 = c[0], sb1 = c[1], sb2 = c[2], sa1 = c[3], sa2 = c[4], ha1 = c[5], ha2 = c[6];
        double ls1 = state[0], ls2 = state[1], lh1 = state[2], lh2 = state[3];
        double rs1 = state[4], rs2 = state[5], rh1 = state[6], rh2 = state[7];
        int n = left.length;
        for (int s = fromStep; s < toStep; s++) {
            if (states != null) {
                states[s] = new double[] {ls1, ls2, lh1, lh2, rs1, rs2, rh1, rh2};
            }
            int to = Math.min(n, (s + 1) * step);
            double acc = 0;
            for (int i = s * step; i < to; i++) {
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
            if (perStep != null) {
                perStep[s] = acc;
            }
        }
        state[0] = ls1;
        state[1] = ls2;
        state[2] = lh1;
        state[3] = lh2;
        state[4] = rs1;
        state[5] = rs2;
        state[6] = rh1;
        state[7] = rh2;
    }

    /** Full steps t of the first run and split + t of the second, for t in [0, pairs), side by side. */
    private static void runStepPairs(double[] c, float[] left, float[] right, int split, int pairs, int step,
                                     double[] perStep, double[] a, double[] b, double[][] states) {
        double sb0 = c[0], sb1 = c[1], sb2 = c[2], sa1 = c[3], sa2 = c[4], ha1 = c[5], ha2 = c[6];
        double ls1 = a[0], ls2 = a[1], lh1 = a[2], lh2 = a[3], rs1 = a[4], rs2 = a[5], rh1 = a[6], rh2 = a[7];
        double ms1 = b[0], ms2 = b[1], mh1 = b[2], mh2 = b[3], ts1 = b[4], ts2 = b[5], th1 = b[6], th2 = b[7];
        int offset = split * step;
        for (int s = 0; s < pairs; s++) {
            if (states != null) {
                states[s] = new double[] {ls1, ls2, lh1, lh2, rs1, rs2, rh1, rh2};
                states[split + s] = new double[] {ms1, ms2, mh1, mh2, ts1, ts2, th1, th2};
            }
            double acc = 0;
            double acc2 = 0;
            for (int i = s * step, end = i + step; i < end; i++) {
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

                double wl = left[i + offset];
                double wr = right[i + offset];
                double ul = sb0 * wl + ms1;
                double ur = sb0 * wr + ts1;
                ms1 = sb1 * wl - sa1 * ul + ms2;
                ts1 = sb1 * wr - sa1 * ur + ts2;
                ms2 = sb2 * wl - sa2 * ul;
                ts2 = sb2 * wr - sa2 * ur;
                double xl = ul + mh1;
                double xr = ur + th1;
                mh1 = -2 * ul - ha1 * xl + mh2;
                th1 = -2 * ur - ha1 * xr + th2;
                mh2 = ul - ha2 * xl;
                th2 = ur - ha2 * xr;
                acc2 += xl * xl + xr * xr;
            }
            perStep[s] = acc;
            perStep[split + s] = acc2;
        }
        double[] endA = {ls1, ls2, lh1, lh2, rs1, rs2, rh1, rh2};
        double[] endB = {ms1, ms2, mh1, mh2, ts1, ts2, th1, th2};
        System.arraycopy(endA, 0, a, 0, 8);
        System.arraycopy(endB, 0, b, 0, 8);
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
        // The first measurement keeps its sums and filter states per step: after the limiter, only the
        // steps it touched (and the half second the filters take to forget them) are measured again.
        int step = Math.max(1, sampleRate / 10);
        int steps = left.length / step;
        double[] sums = null;
        double[][] states = null;
        double lufs;
        if (steps < 4) {
            lufs = integratedLufs(left, right, sampleRate);
        } else {
            sums = new double[steps];
            states = new double[(left.length + step - 1) / step][];
            kWeightedSum(left, right, sampleRate, step, sums, states);
            lufs = gatedLufs(sums, step);
        }
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
            Touched touched = new Touched();
            limit(left, right, ceiling, sampleRate, work, touched);
            peak = (float) samplePeak(left, right);
            double[] again = round == 0 && sums != null && !touched.everywhere
                    ? remeasure(left, right, sampleRate, step, sums, states, gain, touched) : null;
            lufs = again != null ? gatedLufs(again, step) : integratedLufs(left, right, sampleRate);
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

    /**
     * The K-weighted sums per step of the loop as it is now, from a measurement taken before it was scaled by
     * {@code gain} and limited in the touched stretches: an untouched step's sum scales by gain squared; a
     * touched one, and the half second after it (the filters' memory, the high pass at 38 Hz having decayed
     * by e^-100 by then), is measured again from the filters' state at its start, scaled by the gain.
     * Null when that is most of the loop, which a whole measurement does faster.
     */
    private static double[] remeasure(float[] left, float[] right, int sampleRate, int step, double[] before,
                                      double[][] states, float gain, Touched touched) {
        int steps = before.length;
        boolean[] redo = new boolean[steps];
        int memory = (sampleRate / 2 + step - 1) / step;
        for (int k = 0; k < touched.count; k++) {
            int last = Math.min(steps - 1, (touched.ranges[2 * k + 1] - 1) / step + memory);
            for (int s = touched.ranges[2 * k] / step; s <= last; s++) {
                redo[s] = true;
            }
        }
        int count = 0;
        for (boolean r : redo) {
            count += r ? 1 : 0;
        }
        if (2 * count > steps) {
            return null; // most of the loop: measured again in full, where both halves run side by side
        }
        double[] c = kWeighting(sampleRate);
        double g2 = (double) gain * gain;
        double[] sums = new double[steps];
        for (int s = 0; s < steps; ) {
            if (!redo[s]) {
                sums[s] = g2 * before[s];
                s++;
                continue;
            }
            int end = s;
            while (end < steps && redo[end]) {
                end++;
            }
            double[] state = states[s].clone();
            for (int k = 0; k < state.length; k++) {
                state[k] *= gain;
            }
            runSteps(c, left, right, s, end, step, sums, state, null);
            s = end;
        }
        return sums;
    }

    /** Where the limiter changed the loop: sample ranges [from, to), or everywhere. */
    static final class Touched {
        boolean everywhere;
        int[] ranges = new int[16];
        int count;

        void add(int from, int to) {
            if (count > 0 && ranges[2 * count - 1] == from) {
                ranges[2 * count - 1] = to;
                return;
            }
            if (2 * count + 2 > ranges.length) {
                ranges = java.util.Arrays.copyOf(ranges, 2 * ranges.length);
            }
            ranges[2 * count] = from;
            ranges[2 * count + 1] = to;
            count++;
        }
    }

    /** Below this fraction of the ceiling a sample and its neighbour cannot make an inter-sample peak over it. */
    private static final float LIMIT_THRESHOLD = 0.55f;

    /**
     * Look-ahead peak limiter, stereo linked, circular. The gain at n is the mean over [n-L, n] of the
     * forward minimum over [k, k+L] of the needed gain, which never exceeds the gain needed at n, so
     * nothing overshoots, yet the gain moves smoothly; a slower release then lets it recover.
     * <p>
     * A normalised loop passes the ceiling in a few places only, and everywhere else the needed gain is 1,
     * its minimum and mean are 1 and the gain stays 1 once the release has died away. So the work is done
     * only around the 256-sample blocks where a peak passes the ceiling: the same gain, sample for sample,
     * as {@link #limitEveryWhere} (the whole-loop pass, still used when those places cover the loop).
     *
     * @param need scratch space as long as the signal
     * @return whether any gain reduction was needed (if not, the signal is untouched)
     */
    static boolean limit(float[] left, float[] right, float ceiling, int sampleRate, float[] need) {
        return limit(left, right, ceiling, sampleRate, need, new Touched());
    }

    /** {@link #limit}, noting where it changed the loop. */
    private static boolean limit(float[] left, float[] right, float ceiling, int sampleRate, float[] need,
                                 Touched touched) {
        int n = left.length;
        int look = Math.max(1, Math.min(n - 1, sampleRate * 3 / 1000)); // 3 ms
        float inv = 1f / (look + 1);
        if (n < 8 * SCAN_BLOCK || (float) ((look + 1) * (double) inv) != 1f) {
            touched.everywhere = true;
            return limitEveryWhere(left, right, ceiling, sampleRate, need); // short, or a mean of ones is not 1
        }
        float threshold = ceiling * LIMIT_THRESHOLD;
        boolean mono = java.util.Arrays.equals(left, right);
        int blocks = (n + SCAN_BLOCK - 1) / SCAN_BLOCK;
        boolean[] hot = new boolean[blocks];
        int[] spans = new int[2 * blocks]; // [from, to) of each stretch whose gain may fall under 1, unwrapped
        int count = 0;
        for (int b = 0; b < blocks; b++) {
            int from = b * SCAN_BLOCK;
            int to = Math.min(n, from + SCAN_BLOCK);
            boolean scanLeft = !cannotReach(left, from, to, ceiling);
            boolean scanRight = !mono && !cannotReach(right, from, to, ceiling);
            if (!scanLeft && !scanRight) {
                continue;
            }
            for (int i = from; i < to; i++) {
                float p = scanLeft ? peakNear(left, i, threshold) : 0f;
                if (scanRight) {
                    p = Math.max(p, peakNear(right, i, threshold));
                }
                if (p > ceiling) {
                    need[i] = ceiling / p;
                    hot[b] = true;
                } else {
                    need[i] = 1f;
                }
            }
            if (hot[b]) {
                // The gain's minimum reaches L before a peak and its mean L after the minimum.
                if (count > 0 && spans[2 * count - 1] >= from - look) {
                    spans[2 * count - 1] = to + look;
                } else {
                    spans[2 * count] = from - look;
                    spans[2 * count + 1] = to + look;
                    count++;
                }
            }
        }
        if (count == 0) {
            return false;
        }
        if (count > 1 && spans[2 * count - 1] - n >= spans[0]) { // the last stretch wraps onto the first
            spans[0] = spans[2 * count - 2] - n;
            count--;
        }
        int covered = 0;
        for (int k = 0; k < count; k++) {
            covered += spans[2 * k + 1] - spans[2 * k];
        }
        if (covered >= n / 2) {
            touched.everywhere = true;
            return limitEveryWhere(left, right, ceiling, sampleRate, need);
        }
        // Outside the hot blocks the needed gain is 1: written where the stretches read it.
        for (int k = 0; k < count; k++) {
            for (int u = spans[2 * k] - look; u < spans[2 * k + 1] + look; u++) {
                int i = Math.floorMod(u, n);
                if (!hot[i / SCAN_BLOCK]) {
                    need[i] = 1f;
                }
            }
        }
        // The gain of each stretch (read from need, kept apart until all are done), then the release.
        float[][] gains = new float[count][];
        float[] minimum = new float[0];
        for (int k = 0; k < count; k++) {
            int from = spans[2 * k];
            int length = spans[2 * k + 1] - from;
            if (minimum.length < length + look) {
                minimum = new float[length + look];
            }
            forwardMinimum(need, from - look, from + length, look, minimum);
            gains[k] = boxMean(minimum, length, look, inv);
        }
        release(left, right, spans, gains, count, (float) Math.exp(-1.0 / (0.08 * sampleRate)),
                (int) Math.min(n, Math.ceil(0.08 * sampleRate * 24)), touched);
        return true;
    }

    /** The largest of |x[i]| and, where x[i] or x[i+1] pass the threshold, the interpolated points after it. */
    private static float peakNear(float[] x, int i, float threshold) {
        float a = Math.abs(x[i]);
        float next = Math.abs(x[i + 1 < x.length ? i + 1 : 0]);
        return Math.max(a, next) > threshold ? Math.max(a, interpolatedPeak(x, i)) : a;
    }

    /**
     * out[j - from] becomes the minimum of x (read as a loop) over [j, j+look], for j in [from, to), which
     * may reach past either end of x by less than its length (look < x.length); monotonic deque, walking
     * backwards. out may be x itself for the whole loop (from 0 to x.length): x[j] is read before it is
     * overwritten, and the wrapped reads (j >= n) come first.
     */
    private static void forwardMinimum(float[] x, int from, int to, int look, float[] out) {
        int n = x.length;
        int capacity = look + 2;
        int[] index = new int[capacity];
        float[] value = new float[capacity];
        int head = 0, size = 0;
        for (int j = to + look - 1; j >= from; j--) {
            // Wrapped by a compare, not a division: a division per step cost more than the rest.
            float v = x[j >= n ? j - n : j < 0 ? j + n : j];
            int tail = head + size - 1;
            while (size > 0 && value[tail >= capacity ? tail - capacity : tail] >= v) {
                size--;
                tail--;
            }
            int slot = head + size;
            if (slot >= capacity) {
                slot -= capacity;
            }
            index[slot] = j;
            value[slot] = v;
            size++;
            while (index[head] > j + look) {
                head = head + 1 == capacity ? 0 : head + 1;
                size--;
            }
            if (j < to) {
                out[j - from] = value[head];
            }
        }
    }

    /** The mean over [i-look, i] of m, for the length samples after m's first look (as boxMeanInPlace sums it). */
    private static float[] boxMean(float[] m, int length, int look, float inv) {
        float[] out = new float[length];
        double acc = 0;
        for (int k = 0; k <= look; k++) {
            acc += m[k];
        }
        for (int i = 0; i < length; i++) {
            out[i] = (float) (acc * inv);
            float ahead = i + look + 1 < length + look ? m[i + look + 1] : 1f;
            acc += ahead - m[i];
        }
        return out;
    }

    /**
     * The release over the stretches' gains (1 between them), applied to both channels: the reduction
     * r = max(1 - g, r * release) read as a loop, its state at the seam taken from the last {@code settle}
     * samples as in {@link #limitEveryWhere}. Between stretches only the decay is walked, until the reduction
     * is too small for a float gain near 1 to show (1e-8, under half its step), after which it is 0.
     */
    private static void release(float[] left, float[] right, int[] spans, float[][] gains, int count, float release,
                                int settle, Touched touched) {
        int n = left.length;
        // The stretches as pieces inside [0, n): {from, to, stretch, offset into its gains}, in order.
        int[][] pieces = new int[2 * count][];
        int p = 0;
        for (int k = 0; k < count; k++) {
            int from = spans[2 * k], to = spans[2 * k + 1];
            if (from < 0) {
                pieces[p++] = new int[] {from + n, n, k, 0};
                pieces[p++] = new int[] {0, to, k, -from};
            } else if (to > n) {
                pieces[p++] = new int[] {from, n, k, 0};
                pieces[p++] = new int[] {0, to - n, k, n - from};
            } else {
                pieces[p++] = new int[] {from, to, k, 0};
            }
        }
        int[][] inOrder = java.util.Arrays.copyOf(pieces, p);
        java.util.Arrays.sort(inOrder, java.util.Comparator.comparingInt(piece -> piece[0]));
        float seam = walk(null, null, inOrder, gains, release, n - settle, n, 0f, null);
        walk(left, right, inOrder, gains, release, 0, n, seam, touched);
    }

    /** The reduction over [from, to) starting at r, applied to the channels when they are given; returns its end state. */
    private static float walk(float[] left, float[] right, int[][] pieces, float[][] gains, float release,
                              int from, int to, float r, Touched touched) {
        int i = from;
        for (int p = 0; p <= pieces.length && i < to; p++) {
            int pieceFrom = p < pieces.length ? Math.max(i, pieces[p][0]) : to;
            int pieceTo = p < pieces.length ? Math.min(to, pieces[p][1]) : to;
            if (pieceTo <= i) {
                continue; // a piece before the walk starts
            }
            // The decay up to the piece, then the piece itself.
            int gapEnd = Math.min(pieceFrom, to);
            int decayFrom = i;
            for (; i < gapEnd && r > 1e-8f; i++) {
                r *= release;
                if (left != null) {
                    float g = 1f - r;
                    left[i] *= g;
                    right[i] *= g;
                }
            }
            if (touched != null && i > decayFrom) {
                touched.add(decayFrom, i);
            }
            if (i < gapEnd) {
                r = 0f;
                i = gapEnd;
            }
            if (p == pieces.length) {
                break;
            }
            if (touched != null) {
                touched.add(i, pieceTo);
            }
            float[] g = gains[pieces[p][2]];
            for (int j = pieces[p][3] + (i - pieces[p][0]); i < pieceTo; i++, j++) {
                r = Math.max(1f - g[j], r * release);
                if (left != null) {
                    float gain = 1f - r;
                    left[i] *= gain;
                    right[i] *= gain;
                }
            }
        }
        return r;
    }

    /** The limiter run over the whole loop: see {@link #limit}. */
    static boolean limitEveryWhere(float[] left, float[] right, float ceiling, int sampleRate, float[] need) {
        int n = left.length;
        java.util.Arrays.fill(need, 0f);
        float threshold = ceiling * LIMIT_THRESHOLD;
        peakEnvelope(left, need, threshold, ceiling);
        if (!java.util.Arrays.equals(left, right)) { // a mono loop's right channel has the same peaks
            peakEnvelope(right, need, threshold, ceiling);
        }
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
        forwardMinimum(need, 0, n, look, need);
        boxMeanInPlace(need, look);
        float[] gain = need;
        // Release: the reduction 1 - g may only fall slowly. It runs as the reduction (a multiply and a max
        // per sample), starting from the state at the seam: the lap before only needs its last seconds,
        // where any earlier state has decayed below float resolution (e^-24).
        float release = (float) Math.exp(-1.0 / (0.08 * sampleRate));
        int settle = (int) Math.min(n, Math.ceil(0.08 * sampleRate * 24));
        float seam = 0f;
        for (int i = n - settle; i < n; i++) {
            seam = Math.max(1f - gain[i], seam * release);
        }
        float[] reduction = gain;
        releaseInPlace(reduction, release, seam);
        for (int i = 0; i < n; i++) {
            float g = 1f - reduction[i];
            left[i] *= g;
            right[i] *= g;
        }
        return true;
    }

    /**
     * x[i] (a gain) becomes the reduction r[i] = max(1 - x[i], r[i-1] * release), with r[-1] = start. The
     * chain runs in four lanes side by side (one chain alone waits on its own multiply and max), each lane
     * after the first from rest; then what the lane before carries in is added where it is larger, until
     * it has decayed below what a float gain near 1 can show.
     */
    private static void releaseInPlace(float[] x, float release, float start) {
        int n = x.length;
        int seg = (n + 3) / 4;
        if (seg < 4096) {
            float r = start;
            for (int i = 0; i < n; i++) {
                r = Math.max(1f - x[i], r * release);
                x[i] = r;
            }
            return;
        }
        int last = n - 3 * seg;
        float r0 = start, r1 = 0, r2 = 0, r3 = 0;
        for (int j = 0; j < last; j++) {
            r0 = Math.max(1f - x[j], r0 * release);
            x[j] = r0;
            r1 = Math.max(1f - x[seg + j], r1 * release);
            x[seg + j] = r1;
            r2 = Math.max(1f - x[2 * seg + j], r2 * release);
            x[2 * seg + j] = r2;
            r3 = Math.max(1f - x[3 * seg + j], r3 * release);
            x[3 * seg + j] = r3;
        }
        for (int j = last; j < seg; j++) {
            r0 = Math.max(1f - x[j], r0 * release);
            x[j] = r0;
            r1 = Math.max(1f - x[seg + j], r1 * release);
            x[seg + j] = r1;
            r2 = Math.max(1f - x[2 * seg + j], r2 * release);
            x[2 * seg + j] = r2;
        }
        for (int lane = 1; lane < 4; lane++) {
            int from = lane * seg;
            int to = Math.min(n, from + seg);
            float carry = x[from - 1];
            for (int i = from; i < to && carry > 1e-8f; i++) {
                carry *= release;
                x[i] = Math.max(x[i], carry);
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
        int slot = 0; // i % span, kept without a division; sample i - look sat in the slot after it
        for (int i = 0; i < n; i++) {
            int next = slot + 1 == span ? 0 : slot + 1;
            float old = i >= look ? ring[next] : x[i - look + n];
            ring[slot] = x[i];
            x[i] = (float) (acc * inv);
            float ahead = i + 1 < n ? x[i + 1] : first;
            acc += ahead - old;
            slot = next;
        }
    }

    /** Whether a sample or an inter-sample peak of x (read as a loop) goes over the ceiling; the limiter's test. */
    private static boolean exceeds(float[] x, float ceiling, float threshold) {
        int n = x.length;
        for (int from = 0; from < n; from += SCAN_BLOCK) {
            int to = Math.min(n, from + SCAN_BLOCK);
            if (cannotReach(x, from, to, ceiling)) {
                continue;
            }
            for (int i = from; i < to; i++) {
                float a = Math.abs(x[i]);
                if ((a > threshold || Math.abs(x[i + 1 < n ? i + 1 : 0]) > threshold)
                        && (a > ceiling || interpolatedPeak(x, i) > ceiling)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Raises env[i] to the 4x oversampled peak of x around sample i (x read as a loop), where that peak can
     * reach the ceiling: in a block whose samples (and the taps' reach around it) are too small for any
     * interpolated point to pass the ceiling, |x| alone is enough, since the limiter only acts on what
     * passes the ceiling.
     */
    private static void peakEnvelope(float[] x, float[] env, float threshold, float ceiling) {
        int n = x.length;
        for (int from = 0; from < n; from += SCAN_BLOCK) {
            int to = Math.min(n, from + SCAN_BLOCK);
            if (cannotReach(x, from, to, ceiling)) {
                for (int i = from; i < to; i++) {
                    env[i] = Math.max(env[i], Math.abs(x[i]));
                }
                continue;
            }
            for (int i = from; i < to; i++) {
                float a = Math.abs(x[i]);
                float e = Math.max(env[i], a);
                float next = Math.abs(x[i + 1 < n ? i + 1 : 0]);
                if (Math.max(a, next) > threshold) {
                    e = Math.max(e, interpolatedPeak(x, i));
                }
                env[i] = e;
            }
        }
    }

    /** Samples per block of the scans for peaks near the ceiling. */
    private static final int SCAN_BLOCK = 256;

    /**
     * Whether no sample in [from, to) nor any interpolated point after one can exceed the ceiling: the
     * largest |x| the taps of that block read, times the largest sum of |tap| of a phase (with a margin for
     * rounding), stays under it. Vectorisable, and it lets the scans skip most of a loop.
     */
    private static boolean cannotReach(float[] x, int from, int to, float ceiling) {
        int n = x.length;
        int lo = from - TAPS / 2 + 1;
        int hi = to + TAPS / 2; // exclusive: the last interpolation of the block reads up to to - 1 + TAPS / 2
        if (lo < 0 || hi > n) {
            return false; // the loop's ends wrap around: scan them in full
        }
        float max = 0;
        for (int i = lo; i < hi; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max * TAP_GAIN <= ceiling;
    }

    /** Largest sum of |tap| over the interpolation phases, with a margin for float rounding. */
    private static final float TAP_GAIN = tapGain();

    private static float tapGain() {
        double worst = 1;
        for (float[] phase : PHASES) {
            double sum = 0;
            for (float tap : phase) {
                sum += Math.abs(tap);
            }
            worst = Math.max(worst, sum);
        }
        return (float) (worst * 1.001);
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
