package com.cloudmusic.engine.procedural;

/** Small, allocation-free synthesis building blocks shared by the voices. */
final class Dsp {

    static final int SR = 44_100;
    private static final int TABLE = 4096;
    private static final float[] SINE = new float[TABLE + 1];

    static {
        for (int i = 0; i <= TABLE; i++) {
            SINE[i] = (float) Math.sin(2 * Math.PI * i / TABLE);
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
            double fc = Math.min(cutoffHz, SR * 0.45);
            double g = Math.tan(Math.PI * Math.max(fc, 10) / SR);
            k = (float) (1 / q);
            a1 = (float) (1 / (1 + g * (g + k)));
            a2 = (float) (g * a1);
            a3 = (float) (g * a2);
            return this;
        }

        void tick(float v0) {
            float v3 = v0 - ic2;
            float v1 = a1 * ic1 + a2 * v3;
            float v2 = ic2 + a2 * ic1 + a3 * v3;
            ic1 = 2 * v1 - ic1;
            ic2 = 2 * v2 - ic2;
            low = v2;
            band = v1;
            high = v0 - k * v1 - v2;
        }
    }

    /** Exponential-sweep frequency: from a to b as x goes 0..1. */
    static double sweep(double a, double b, double x) {
        return a * Math.pow(b / a, x);
    }
}
