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

    /**
     * Adds a band-limited sawtooth to {@code block[0 .. len)} and returns the phase after it: the same
     * samples as {@link #sawOfPhase(int, float)} one by one, but the plain ramp runs as a branch-free loop
     * and the polyBLEP corrections are added only at the two samples around each wrap of the phase.
     */
    static int addSaw(float[] block, int len, int phase, int inc) {
        int p = phase;
        for (int j = 0; j < len; j++) {
            p += inc;
            block[j] += (p >>> 8) * (2f / 16777216f) - 1;
        }
        float dt = cycles(inc);
        long unsignedInc = Integer.toUnsignedLong(inc);
        if (unsignedInc == 0) {
            return p;
        }
        // Sample j holds the phase phase + (j+1) inc; the first one past a wrap is j = ceil(distance / inc) - 1.
        long distance = (1L << 32) - Integer.toUnsignedLong(phase);
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
        return p;
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

    /** Exponential-sweep frequency: from a to b as x goes 0..1. */
    static double sweep(double a, double b, double x) {
        return a * exp2(x * Math.log(b / a) / Math.log(2));
    }
}
