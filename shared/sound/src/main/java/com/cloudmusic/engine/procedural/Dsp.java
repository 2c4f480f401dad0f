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
     * polyBLEP corrections are added per saw at the two samples around each of its wraps. {@code ramps} is
     * scratch space of at least {@code len}; at most 64 saws.
     */
    static void addSaws(float[] block, int len, int[] phases, int[] incs, int count, int[] ramps) {
        java.util.Arrays.fill(ramps, 0, len, 0);
        for (int k = 0; k < count; k++) {
            int phase = phases[k];
            int inc = incs[k];
            for (int j = 0; j < len; j++) {
                ramps[j] += (phase + STEPS[j] * inc) >>> 8;
            }
        }
        for (int j = 0; j < len; j++) {
            block[j] += ramps[j] * (2f / 16777216f) - count;
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
        float low, band, high;

        Svf set(double cutoffHz, double q) {
            double g = prewarp(cutoffHz);
            k = (float) (1 / q);
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
     * Two 2-pole high passes in series (24 dB/octave, Q 0.7071 each, as two {@link Svf} stages) over
     * {@code x[0 .. n)} in place. A recursive filter is bound by its feedback chain, so the signal is cut into
     * four lanes filtered side by side in one loop, about four times the speed of one pass. Each lane after
     * the first starts from rest ten periods of {@code hz} before its own start: by then the filter has
     * forgotten its start (e^-40), so the lanes join as if the filter had run straight through.
     */
    static void highPass24(float[] x, int n, double hz) {
        float[] c = coefficients(hz, 0.7071);
        float a1 = c[0], a2 = c[1], a3 = c[2], k = c[3];
        int warm = (int) Math.ceil(10 * SR / hz);
        int seg = (n + 3) / 4;
        if (seg < 4 * warm) { // too short to be worth the lanes
            float p1 = 0, p2 = 0, q1 = 0, q2 = 0;
            for (int i = 0; i < n; i++) {
                float v0 = x[i];
                float v3 = v0 - p2;
                float v1 = Math.fma(a2, v3, a1 * p1);
                float v2 = Math.fma(a3, v3, Math.fma(a2, p1, p2));
                p1 = Math.fma(2f, v1, -p1);
                p2 = Math.fma(2f, v2, -p2);
                float h = v0 - k * v1 - v2;
                float w3 = h - q2;
                float w1 = Math.fma(a2, w3, a1 * q1);
                float w2 = Math.fma(a3, w3, Math.fma(a2, q1, q2));
                q1 = Math.fma(2f, w1, -q1);
                q2 = Math.fma(2f, w2, -q2);
                x[i] = h - k * w1 - w2;
            }
            return;
        }
        // state[lane * 4 + 0..3]: first stage ic1, ic2, second stage ic1, ic2.
        float[] state = new float[16];
        int[] start = {0, seg, 2 * seg, 3 * seg};
        int lastLength = n - 3 * seg;
        // Warm-up of lanes 1..3 on the samples before their start (read before anything is written).
        for (int lane = 1; lane < 4; lane++) {
            run(x, start[lane] - warm, warm, state, lane * 4, a1, a2, a3, k, false);
        }
        float s00 = state[0], s01 = state[1], s02 = state[2], s03 = state[3];
        float s10 = state[4], s11 = state[5], s12 = state[6], s13 = state[7];
        float s20 = state[8], s21 = state[9], s22 = state[10], s23 = state[11];
        float s30 = state[12], s31 = state[13], s32 = state[14], s33 = state[15];
        int o1 = seg, o2 = 2 * seg, o3 = 3 * seg;
        for (int j = 0; j < lastLength; j++) {
            // Lane 0
            float v0 = x[j];
            float v3 = v0 - s01;
            float v1 = Math.fma(a2, v3, a1 * s00);
            float v2 = Math.fma(a3, v3, Math.fma(a2, s00, s01));
            s00 = Math.fma(2f, v1, -s00);
            s01 = Math.fma(2f, v2, -s01);
            float h = v0 - k * v1 - v2;
            float w3 = h - s03;
            float w1 = Math.fma(a2, w3, a1 * s02);
            float w2 = Math.fma(a3, w3, Math.fma(a2, s02, s03));
            s02 = Math.fma(2f, w1, -s02);
            s03 = Math.fma(2f, w2, -s03);
            x[j] = h - k * w1 - w2;
            // Lane 1
            v0 = x[o1 + j];
            v3 = v0 - s11;
            v1 = Math.fma(a2, v3, a1 * s10);
            v2 = Math.fma(a3, v3, Math.fma(a2, s10, s11));
            s10 = Math.fma(2f, v1, -s10);
            s11 = Math.fma(2f, v2, -s11);
            h = v0 - k * v1 - v2;
            w3 = h - s13;
            w1 = Math.fma(a2, w3, a1 * s12);
            w2 = Math.fma(a3, w3, Math.fma(a2, s12, s13));
            s12 = Math.fma(2f, w1, -s12);
            s13 = Math.fma(2f, w2, -s13);
            x[o1 + j] = h - k * w1 - w2;
            // Lane 2
            v0 = x[o2 + j];
            v3 = v0 - s21;
            v1 = Math.fma(a2, v3, a1 * s20);
            v2 = Math.fma(a3, v3, Math.fma(a2, s20, s21));
            s20 = Math.fma(2f, v1, -s20);
            s21 = Math.fma(2f, v2, -s21);
            h = v0 - k * v1 - v2;
            w3 = h - s23;
            w1 = Math.fma(a2, w3, a1 * s22);
            w2 = Math.fma(a3, w3, Math.fma(a2, s22, s23));
            s22 = Math.fma(2f, w1, -s22);
            s23 = Math.fma(2f, w2, -s23);
            x[o2 + j] = h - k * w1 - w2;
            // Lane 3
            v0 = x[o3 + j];
            v3 = v0 - s31;
            v1 = Math.fma(a2, v3, a1 * s30);
            v2 = Math.fma(a3, v3, Math.fma(a2, s30, s31));
            s30 = Math.fma(2f, v1, -s30);
            s31 = Math.fma(2f, v2, -s31);
            h = v0 - k * v1 - v2;
            w3 = h - s33;
            w1 = Math.fma(a2, w3, a1 * s32);
            w2 = Math.fma(a3, w3, Math.fma(a2, s32, s33));
            s32 = Math.fma(2f, w1, -s32);
            s33 = Math.fma(2f, w2, -s33);
            x[o3 + j] = h - k * w1 - w2;
        }
        // Lanes 0..2 are a few samples longer than the last one.
        float[] rest = {s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23};
        for (int lane = 0; lane < 3; lane++) {
            run(x, start[lane] + lastLength, seg - lastLength, rest, lane * 4, a1, a2, a3, k, true);
        }
    }

    /** One lane of {@link #highPass24}: both stages over x[from .. from+len), writing back when asked. */
    private static void run(float[] x, int from, int len, float[] state, int at, float a1, float a2, float a3,
                            float k, boolean write) {
        float p1 = state[at], p2 = state[at + 1], q1 = state[at + 2], q2 = state[at + 3];
        for (int i = from; i < from + len; i++) {
            float v0 = x[i];
            float v3 = v0 - p2;
            float v1 = Math.fma(a2, v3, a1 * p1);
            float v2 = Math.fma(a3, v3, Math.fma(a2, p1, p2));
            p1 = Math.fma(2f, v1, -p1);
            p2 = Math.fma(2f, v2, -p2);
            float h = v0 - k * v1 - v2;
            float w3 = h - q2;
            float w1 = Math.fma(a2, w3, a1 * q1);
            float w2 = Math.fma(a3, w3, Math.fma(a2, q1, q2));
            q1 = Math.fma(2f, w1, -q1);
            q2 = Math.fma(2f, w2, -q2);
            if (write) {
                x[i] = h - k * w1 - w2;
            }
        }
        state[at] = p1;
        state[at + 1] = p2;
        state[at + 2] = q1;
        state[at + 3] = q2;
    }

    /** The {@link Svf} coefficients a1, a2, a3 and k for a cutoff and Q. */
    private static float[] coefficients(double cutoffHz, double q) {
        Svf svf = new Svf().set(cutoffHz, q);
        return new float[] {svf.a1, svf.a2, svf.a3, svf.k};
    }

    /** Exponential-sweep frequency: from a to b as x goes 0..1. */
    static double sweep(double a, double b, double x) {
        return a * exp2(x * Math.log(b / a) / Math.log(2));
    }
}
