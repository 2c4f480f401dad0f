package com.cloudmusic.engine.procedural;

/**
 * Test-side tempo estimator, independent of the engine: an energy-envelope onset curve, its circular
 * autocorrelation over 60..200 BPM, the fastest strongly periodic lag, then an octave check (if every
 * other pulse at that lag is clearly weaker, the beat is twice as long), refined on the 4-beat lag.
 */
final class TempoEstimator {

    private static final int HOP = 128;
    private static final int WINDOW = 512;

    private TempoEstimator() {
    }

    static double estimate(float[] left, float[] right, int sampleRate) {
        int n = left.length;
        int frames = n / HOP;
        double[] energy = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int k = 0; k < WINDOW; k++) {
                int i = (f * HOP + k) % n;
                double v = left[i] + right[i];
                sum += v * v;
            }
            energy[f] = Math.sqrt(sum / WINDOW);
        }
        double[] onset = new double[frames];
        double mean = 0;
        for (int f = 0; f < frames; f++) {
            onset[f] = Math.max(0, energy[f] - energy[(f - 1 + frames) % frames]);
            mean += onset[f];
        }
        mean /= frames;
        for (int f = 0; f < frames; f++) {
            onset[f] -= mean;
        }
        double hopsPerMinute = 60.0 * sampleRate / HOP;
        int minLag = (int) Math.floor(hopsPerMinute / 200);
        int maxLag = (int) Math.ceil(hopsPerMinute / 60);
        double[] ac = new double[Math.min(frames, 4 * maxLag + 8)];
        for (int lag = 1; lag < ac.length; lag++) {
            double s = 0;
            for (int f = 0; f < frames; f++) {
                s += onset[f] * onset[(f + lag) % frames];
            }
            ac[lag] = s;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = minLag; lag <= maxLag && lag < ac.length - 1; lag++) {
            best = Math.max(best, ac[lag]);
        }
        // Fastest local peak that is nearly as periodic as the best one.
        int chosen = -1;
        for (int lag = minLag + 1; lag < maxLag && lag < ac.length - 1; lag++) {
            if (ac[lag] >= ac[lag - 1] && ac[lag] >= ac[lag + 1] && ac[lag] >= 0.6 * best) {
                chosen = lag;
                break;
            }
        }
        double lag = chosen;
        // Octave check: alternating strong and weak pulses mean the beat is twice the lag.
        if (2 * lag <= maxLag && alternates(onset, lag)) {
            lag = 2 * lag;
        }
        // Refine on the 4-beat peak for sub-hop precision.
        double refined = refine(ac, 4 * lag);
        double beatHops = refined > 0 ? refined / 4 : lag;
        return hopsPerMinute / beatHops;
    }

    private static boolean alternates(double[] onset, double lag) {
        int frames = onset.length;
        int bestPhase = 0;
        double bestSum = Double.NEGATIVE_INFINITY;
        int pulses = (int) (frames / lag);
        for (int phase = 0; phase < (int) lag; phase++) {
            double s = 0;
            for (int k = 0; k < pulses; k++) {
                s += window(onset, phase + k * lag);
            }
            if (s > bestSum) {
                bestSum = s;
                bestPhase = phase;
            }
        }
        double even = 0, odd = 0;
        for (int k = 0; k + 1 < pulses; k += 2) {
            even += window(onset, bestPhase + k * lag);
            odd += window(onset, bestPhase + (k + 1) * lag);
        }
        double strong = Math.max(even, odd);
        double weak = Math.min(even, odd);
        return weak <= 0 || strong / weak > 1.6;
    }

    private static double window(double[] onset, double at) {
        int frames = onset.length;
        int c = (int) Math.round(at);
        double m = Double.NEGATIVE_INFINITY;
        for (int d = -1; d <= 1; d++) {
            m = Math.max(m, onset[Math.floorMod(c + d, frames)]);
        }
        return Math.max(0, m);
    }

    private static double refine(double[] ac, double around) {
        int c = (int) Math.round(around);
        int from = Math.max(1, c - 3);
        int to = Math.min(ac.length - 2, c + 3);
        if (from >= to) {
            return -1;
        }
        int peak = from;
        for (int i = from; i <= to; i++) {
            if (ac[i] > ac[peak]) {
                peak = i;
            }
        }
        double a = ac[peak - 1], b = ac[peak], d = ac[peak + 1];
        double denom = a - 2 * b + d;
        return peak + (denom == 0 ? 0 : 0.5 * (a - d) / denom);
    }
}
