package com.cloudmusic.engine.procedural;

/** Small, allocation-free synthesis building blocks shared by the voices. */
final class Dsp {

    static final int SR = 44_100;
    private static final int TABLE = 4096;
    private static final float[] SINE = new float[TABLE + 1];

    // tan(pi f / SR) for the filter coefficients, over 0 .. 0.45 SR, read with linear interpolation:
    // Math.tan at every control step was a visible part of the render time.
    private static final int TAN_STEPS = 8192;
    private static final double TAN_TOP = SR * 0.45;
    private static final double[] TAN = new double[TAN_STEPS + 2];
    // 2^x for x in [0, 1], for exponential control curves (cutoff sweeps, pitch glides).
    private static final int EXP2_STEPS = 1024;
    private static final double[] EXP2 = new double[EXP2_STEPS + 2];
    private static final double PHASE_UNIT = 4294967296.0; // 2^32: one cycle of an integer phase

    static {
        for (int i = 0; i <= TABLE; i++) {
            SINE[i] = (float) Math.sin(2 * Math.PI * i / TABLE);
        }
        for (int i = 0; i < TAN.length; i++) {
            TAN[i] = Math.tan(Math.PI * Math.min(i, TAN_STEPS) * TAN_TOP / TAN_STEPS / SR);
        }
        for (int i = 0; i < EXP2.length; i++) {
            EXP2[i] = Math.pow(2, i / (double) EXP2_STEPS);
        }
    }

    private Dsp() {
    }

    /** Sine of a phase in cycles (any real value), by table lookup. */
    static float sin(double phase) {
        double p = phase - Math.floor(phase);
        double idx = p * TABLE;
        int i = (int) idx;
        float frac = (float) (idx - i);
        return SINE[i] + (SINE[i + 1] - SINE[i]) * frac;
    }

    /**
     * Phase increment for an integer phase, where 2^32 is one cycle: the phase wraps by itself, so an
     * oscillator costs one integer add per sample instead of a floating add, a floor and a subtract.
     */
    static int phaseIncrement(double hz) {
        return (int) Math.round(hz / SR * PHASE_UNIT);
    }

    /** Phase increment as a fraction of a cycle, the dt of {@link #sawOfPhase(int, float)}. */
    static float cycles(int increment) {
        return (float) (Integer.toUnsignedLong(increment) / PHASE_UNIT);
    }

    /** An integer phase from a fraction of a cycle. */
    static int phase(double cycles) {
        return (int) (long) Math.floor((cycles - Math.floor(cycles)) * PHASE_UNIT);
    }

    /** Sine of an integer phase (2^32 = one cycle), by table lookup. */
    static float sinOfPhase(int phase) {
        int i = phase >>> 20; // 12 bits index the 4096-entry table, 20 bits interpolate
        float frac = (phase & 0xFFFFF) * (1f / 1048576f);
        float a = SINE[i];
        return a + (SINE[i + 1] - a) * frac;
    }

    /** Band-limited sawtooth (polyBLEP) at an integer phase, with increment dt in cycles per sample. */
    static float sawOfPhase(int phase, float dt) {
        float t = (phase >>> 8) * (1f / 16777216f);
        float v = 2 * t - 1;
        if (t < dt) {
            float x = t / dt;
            v -= x + x - x * x - 1;
        } else if (t > 1 - dt) {
            float x = (t - 1) / dt;
            v -= x * x + x + x + 1;
        }
        return v;
    }

    /** Most samples {@link #addSaws} takes in one call. */
    static final int MAX_SAW_BLOCK = 256;
    private static final int[] STEPS = new int[MAX_SAW_BLOCK]; // 1, 2, 3, ...

    static {
        for (int j = 0; j < STEPS.length; j++) {
            STEPS[j] = j + 1;
        }
    }

    /**
     * Adds the sum of several band-limited saws to {@code block[0 .. len)} and advances their phases in
     * place. The ramps are summed as integers (exact) with the phase written as a function of the sample
     * index, a loop the JIT turns into vector instructions, and converted to float once per sample; the
     * polyBLEP corrections are added per saw at the two samples around each of its wraps. {@code ramps} and
     * {@code sums} are scratch space of at least {@code len}; at most 64 saws.
     */
    static void addSaws(float[] block, int len, int[] phases, int[] incs, int count, int[] ramps, float[] sums) {
        java.util.Arrays.fill(ramps, 0, len, 0);
        for (int k = 0; k < count; k++) {
            int phase = phases[k];
            int inc = incs[k];
            for (int j = 0; j < len; j++) {
                ramps[j] += (phase + STEPS[j] * inc) >>> 8;
            }
        }
        // The conversion to float in a loop of its own: the JDK 17 JIT does not vectorise it, but it does the
        // scaling and adding after it.
        for (int j = 0; j < len; j++) {
            sums[j] = ramps[j];
        }
        for (int j = 0; j < len; j++) {
            block[j] += sums[j] * (2f / 16777216f) - count;
        }
        for (int k = 0; k < count; k++) {
            addBlep(block, len, phases[k], incs[k]);
            phases[k] += len * incs[k];
        }
    }

    /** The polyBLEP corrections of a saw starting at {@code phase}: only the two samples around each wrap. */
    private static void addBlep(float[] block, int len, int phase, int inc) {
        long unsignedInc = Integer.toUnsignedLong(inc);
        // Sample j holds the phase phase + (j+1) inc; the first one past a wrap is j = ceil(distance / inc) - 1.
        long distance = (1L << 32) - Integer.toUnsignedLong(phase);
        if (unsignedInc == 0 || (len + 1) * unsignedInc < distance) {
            return; // no wrap up to the sample after the block (most blocks of a low note): no division
        }
        float dt = cycles(inc);
        long after = (distance + unsignedInc - 1) / unsignedInc - 1;
        while (after <= len) {
            int j = (int) after;
            if (j < len) {
                float t = ((phase + (j + 1) * inc) >>> 8) * (1f / 16777216f);
                if (t < dt) {
                    float x = t / dt;
                    block[j] -= x + x - x * x - 1;
                }
            }
            if (j >= 1) {
                float t = ((phase + j * inc) >>> 8) * (1f / 16777216f);
                if (t > 1 - dt) {
                    float x = (t - 1) / dt;
                    block[j - 1] -= x * x + x + x + 1;
                }
            }
            distance += 1L << 32; // the next wrap is one more cycle away
            after = (distance + unsignedInc - 1) / unsignedInc - 1;
        }
    }

    /** 2^x, from a table: for control curves, accurate to about 1e-7. */
    static double exp2(double x) {
        double floor = Math.floor(x);
        double idx = (x - floor) * EXP2_STEPS;
        int i = (int) idx;
        double a = EXP2[i];
        return Math.scalb(a + (EXP2[i + 1] - a) * (idx - i), (int) floor);
    }

    /** tan(pi hz / SR) for hz in 10 .. 0.45 SR (clamped), from a table. */
    static double prewarp(double hz) {
        double fc = Math.max(10, Math.min(hz, TAN_TOP));
        double idx = fc * (TAN_STEPS / TAN_TOP);
        int i = (int) idx;
        double a = TAN[i];
        return a + (TAN[i + 1] - a) * (idx - i);
    }

    /** Band-limited sawtooth (polyBLEP) at phase t in [0,1) with phase increment dt. */
    static float saw(double t, double dt) {
        double v = 2 * t - 1;
        if (t < dt) {
            double x = t / dt;
            v -= x + x - x * x - 1;
        } else if (t > 1 - dt) {
            double x = (t - 1) / dt;
            v -= x * x + x + x + 1;
        }
        return (float) v;
    }

    /** Smooth saturation, tanh-like, bounded to [-1, 1]. */
    static float softClip(float x) {
        if (x > 3f) {
            return 1f;
        }
        if (x < -3f) {
            return -1f;
        }
        float x2 = x * x;
        return x * (27f + x2) / (27f + 9f * x2);
    }

    /**
     * {@link #softClip(float)} over x[0 .. len) in place, sample for sample the same values: clamped to
     * [-3, 3] first (where the curve is exactly 1 at 3), so the loop has no branch and the JIT vectorises it,
     * division included.
     */
    static void softClip(float[] x, int len) {
        for (int j = 0; j < len; j++) {
            float v = Math.max(-3f, Math.min(3f, x[j]));
            float v2 = v * v;
            x[j] = v * (27f + v2) / (27f + 9f * v2);
        }
    }

    static double midiToHz(double midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /** Seeded xorshift noise in [-1, 1): cheaper than a Random per sample and fully reproducible. */
    static final class Noise {
        private long state;

        Noise(long seed) {
            state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        }

        float next() {
            long x = state;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            state = x;
            return (int) (x >>> 32) * (1f / 2147483648f);
        }
    }

    /** Zero-delay-feedback state-variable filter (Zavalishin); set coefficients, then tick. */
    static final class Svf {
        private float ic1, ic2, a1, a2, a3, k;
        private double q = Double.NaN;
        float low, band, high;

        Svf set(double cutoffHz, double q) {
            double g = prewarp(cutoffHz);
            if (q != this.q) { // a swept filter keeps its resonance, and with it this division
                this.q = q;
                k = (float) (1 / q);
            }
            a1 = (float) (1 / (1 + g * (g + k)));
            a2 = (float) (g * a1);
            a3 = (float) (g * a2);
            return this;
        }

        void tick(float v0) {
            // Fused multiply-adds: one rounding each, and a shorter feedback chain, which bounds the speed.
            float v3 = v0 - ic2;
            float v1 = Math.fma(a2, v3, a1 * ic1);
            float v2 = Math.fma(a3, v3, Math.fma(a2, ic1, ic2));
            ic1 = Math.fma(2f, v1, -ic1);
            ic2 = Math.fma(2f, v2, -ic2);
            low = v2;
            band = v1;
            high = v0 - k * v1 - v2;
        }
    }

    /**
     * Two 2-pole high passes in series (24 dB/octave, Q 0.7071 each: the bilinear transform of the {@link Svf}'s
     * high pass) over {@code x[0 .. n)} in place, as biquads in double precision (transposed direct form II):
     * five operations a stage where the float state-variable form needs nine, and exact enough with poles this
     * close to one. A recursive filter is bound by its feedback chain, so the signal is cut in two halves
     * filtered side by side in one loop. The second half starts from rest ten periods of {@code hz} before its
     * own start: by then the filter has forgotten its start (e^-40), so the halves join as if the filter had
     * run straight through. Trailing silence only gets the filter's ring-down, until nothing a float can carry
     * is left of it.
     */
    static void highPass24(float[] x, int n, double hz) {
        double g = prewarp(hz);
        double k = 1 / 0.7071;
        double a0 = 1 + g * (g + k);
        // H(z) = b (1 - 2 z^-1 + z^-2) / (1 + a1 z^-1 + a2 z^-2)
        double[] c = {1 / a0, 2 * (g * g - 1) / a0, (1 - g * k + g * g) / a0};
        int end = n;
        while (end > 0 && x[end - 1] == 0) {
            end--;
        }
        int warm = (int) Math.ceil(10 * SR / hz);
        int half = end / 2;
        // state: first stage s1 s2, second stage s1 s2, of the first half then of the second.
        double[] state = new double[8];
        if (half < 4 * warm) { // too short to be worth the halves
            biquads(x, 0, end, state, 0, c, true);
        } else {
            biquads(x, half - warm, warm, state, 4, c, false); // the second half's warm-up, read before it is written
            halves(x, half, state, c);
            if (end % 2 == 1) {
                biquads(x, end - 1, 1, state, 4, c, true);
            }
            System.arraycopy(state, 4, state, 0, 4); // the second half carries on into the silence
        }
        // The ring-down, checked a block at a time: once the state is this small (-600 dB), what is left is silence.
        for (int i = end; i < n && Math.abs(state[0]) + Math.abs(state[1]) + Math.abs(state[2]) + Math.abs(state[3]) > 1e-30;
                i += 256) {
            biquads(x, i, Math.min(256, n - i), state, 0, c, true);
        }
    }

    /** The two halves of {@link #highPass24} side by side: x[0 .. half) and x[half .. 2 half). */
    private static void halves(float[] x, int half, double[] state, double[] c) {
        double b = c[0], m2 = -2 * c[0], na1 = -c[1], na2 = -c[2];
        double p1 = state[0], p2 = state[1], q1 = state[2], q2 = state[3];
        double r1 = state[4], r2 = state[5], s1 = state[6], s2 = state[7];
        // Plain products and sums: on the JDK 17 C2 these run faster here than double fused multiply-adds.
        for (int i = 0; i < half; i++) {
            double v = x[i];
            double bv = b * v;
            double y = bv + p1;
            p1 = na1 * y + (m2 * v + p2);
            p2 = na2 * y + bv;
            bv = b * y;
            double z = bv + q1;
            q1 = na1 * z + (m2 * y + q2);
            q2 = na2 * z + bv;
            x[i] = (float) z;

            v = x[half + i];
            bv = b * v;
            y = bv + r1;
            r1 = na1 * y + (m2 * v + r2);
            r2 = na2 * y + bv;
            bv = b * y;
            z = bv + s1;
            s1 = na1 * z + (m2 * y + s2);
            s2 = na2 * z + bv;
            x[half + i] = (float) z;
        }
        double[] end = {p1, p2, q1, q2, r1, r2, s1, s2};
        System.arraycopy(end, 0, state, 0, 8);
    }

    /** Both stages of {@link #highPass24} over x[from .. from+len) from the state at {@code at}, written back when asked. */
    private static void biquads(float[] x, int from, int len, double[] state, int at, double[] c, boolean write) {
        double b = c[0], m2 = -2 * c[0], na1 = -c[1], na2 = -c[2];
        double p1 = state[at], p2 = state[at + 1], q1 = state[at + 2], q2 = state[at + 3];
        for (int i = from; i < from + len; i++) {
            double v = x[i];
            double bv = b * v;
            double y = bv + p1;
            p1 = na1 * y + (m2 * v + p2);
            p2 = na2 * y + bv;
            bv = b * y;
            double z = bv + q1;
            q1 = na1 * z + (m2 * y + q2);
            q2 = na2 * z + bv;
            if (write) {
                x[i] = (float) z;
            }
        }
        state[at] = p1;
        state[at + 1] = p2;
        state[at + 2] = q1;
        state[at + 3] = q2;
    }

    /** Exponential-sweep frequency: from a to b as x goes 0..1. */
    static double sweep(double a, double b, double x) {
        return a * exp2(x * Math.log(b / a) / Math.log(2));
    }
}
