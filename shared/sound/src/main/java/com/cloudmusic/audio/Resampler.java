package com.cloudmusic.audio;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc (polyphase). Models return 32 kHz,
 * 48 kHz or other rates; everything we store is 44.1 kHz. Linear interpolation would alias and dull
 * the top octave, which an MP3 encoder and a DJ's ears both notice.
 */
public final class Resampler {

    /**
     * Zero crossings of the sinc on each side at the cutoff: about 54 taps per output sample, enough for
     * a transition band of under 5 kHz at 48 kHz, so nothing above the new Nyquist folds back audibly.
     */
    private static final int ZERO_CROSSINGS = 24;
    /** Kaiser beta: about 85 dB of stop-band rejection. */
    private static final double KAISER_BETA = 8.6;
    /** Finest phase grid for ratios whose exact period would need more phases than this. */
    private static final int MAX_PHASES = 4096;
    /** Cutoff as a fraction of the lower Nyquist frequency: a small guard band for the transition. */
    private static final double CUTOFF = 0.91;

    private final int fromRate;
    private final int toRate;
    private final int phases;
    private final long up;
    private final long down;
    private final int half;
    private final float[][] bank;

    /** A converter from one rate to another; build one per conversion pair and reuse it across channels. */
    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        long g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        this.phases = (int) Math.min(up, MAX_PHASES);
        double cutoff = CUTOFF * Math.min(1.0, (double) toRate / fromRate); // in cycles per input Nyquist
        this.half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.bank = new float[phases][2 * half];
        double i0Beta = besselI0(KAISER_BETA);
        for (int p = 0; p < phases; p++) {
            double frac = p / (double) phases; // output position minus the input sample just before it
            double sum = 0;
            for (int t = 0; t < 2 * half; t++) {
                double distance = (t - half + 1) - frac; // input tap position relative to the output point
                double x = distance * cutoff;
                double sinc = Math.abs(x) < 1e-12 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
                double r = distance / half;
                double window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
                double value = cutoff * sinc * window;
                bank[p][t] = (float) value;
                sum += value;
            }
            // Unity gain at DC for every phase, so a constant stays a constant.
            for (int t = 0; t < 2 * half; t++) {
                bank[p][t] = (float) (bank[p][t] / sum);
            }
        }
    }

    /** Frames a signal of {@code inputFrames} has at the target rate. */
    public int outputFrames(int inputFrames) {
        return (int) ((long) inputFrames * toRate / fromRate);
    }

    /** Converts one channel; samples outside the input count as silence. */
    public float[] resample(float[] in) {
        if (fromRate == toRate) {
            return in.clone();
        }
        int n = in.length;
        float[] out = new float[outputFrames(n)];
        int taps = 2 * half;
        for (int j = 0; j < out.length; j++) {
            long position = j * down; // in units of 1/up input samples
            int base = (int) (position / up);
            int phase = up == phases
                    ? (int) (position % up)
                    : (int) Math.min(phases - 1, Math.round((position % up) * (double) phases / up));
            float[] h = bank[phase];
            int first = base - half + 1;
            float acc = 0;
            if (first >= 0 && first + taps <= n) {
                for (int t = 0; t < taps; t++) {
                    acc += h[t] * in[first + t];
                }
            } else {
                for (int t = 0; t < taps; t++) {
                    int i = first + t;
                    if (i >= 0 && i < n) {
                        acc += h[t] * in[i];
                    }
                }
            }
            out[j] = acc;
        }
        return out;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Modified Bessel function of the first kind, order zero (series; converges fast for our betas). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= quarterSquare / (k * (double) k);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
