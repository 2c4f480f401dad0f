package com.cloudmusic.audio;

/**
 * Measures the tempo and finds the first downbeat of music that was asked for at a given tempo but
 * may have drifted from it (MusicGen misses a prompted BPM by several percent). Spectral-flux onset
 * strength, its autocorrelation, and a comb over many beat multiples of each candidate period near the
 * expected tempo give a tempo precise to a fraction of a percent; the beat phase is the comb's best
 * alignment and the downbeat is the beat of the bar with the most low-frequency onset energy (kicks).
 */
public final class TempoAnalysis {

    private static final int FFT_SIZE = 1024;
    private static final int LOW_BINS = 5; // up to ~215 Hz at 44.1 kHz: kick and bass attacks
    private static final int MAX_BEAT_MULTIPLES = 16;
    private static final double BPM_STEP = 0.01;

    private TempoAnalysis() {
    }

    /**
     * @param bpm              measured tempo
     * @param downbeatFrame    sample frame of the first downbeat found
     * @param confidence       best comb score over the mean score of all candidates; near 1 means no steady pulse
     */
    public record Result(double bpm, int downbeatFrame, double confidence) {
    }

    /**
     * @param expectedBpm the tempo asked for
     * @param tolerance   largest relative drift searched, e.g. 0.12 for ±12 %
     */
    public static Result analyse(float[] left, float[] right, int sampleRate, double expectedBpm, double tolerance) {
        int hop = Math.max(1, sampleRate / 100); // 10 ms
        Onsets onsets = onsets(left, right, hop);
        double framesPerMinute = 60.0 * sampleRate / hop;
        double minBpm = expectedBpm * (1 - tolerance);
        double maxBpm = expectedBpm * (1 + tolerance);
        double slowestPeriod = framesPerMinute / minBpm;
        int frames = onsets.all.length;
        int maxLag = (int) Math.min(frames - 2, Math.ceil(slowestPeriod * MAX_BEAT_MULTIPLES) + 2);
        if (maxLag < slowestPeriod + 2) {
            return new Result(expectedBpm, 0, 1.0); // too short to measure anything
        }
        double[] ac = autocorrelation(onsets.all, maxLag);

        double bestScore = Double.NEGATIVE_INFINITY;
        double bestBpm = expectedBpm;
        double scoreSum = 0;
        int candidates = 0;
        for (double bpm = minBpm; bpm <= maxBpm; bpm += BPM_STEP) {
            double period = framesPerMinute / bpm;
            int multiples = (int) Math.min(MAX_BEAT_MULTIPLES, Math.floor((maxLag - 1) / period));
            double score = 0;
            for (int k = 1; k <= multiples; k++) {
                score += interpolate(ac, k * period);
            }
            score /= Math.max(1, multiples);
            scoreSum += score;
            candidates++;
            if (score > bestScore) {
                bestScore = score;
                bestBpm = bpm;
            }
        }
        double mean = scoreSum / candidates;
        double confidence = mean > 0 ? bestScore / mean : bestScore > 0 ? Double.POSITIVE_INFINITY : 1.0;

        double period = framesPerMinute / bestBpm;
        double phase = bestPhase(onsets.all, period);
        int beat = downbeatIndex(onsets, phase, period);
        double downbeat = phase + beat * period;
        // Flux at frame f compares the window starting at f*hop with the one before: the attack lies
        // around the middle of the newer window's leading half.
        int approximate = (int) Math.round(downbeat * hop + FFT_SIZE / 2.0 - hop / 2.0);
        int refined = refineAttack(left, right, approximate, sampleRate);
        return new Result(bestBpm, refined, confidence);
    }

    private record Onsets(double[] all, double[] low) {
    }

    /** Log-magnitude spectral flux (all bins, and the low bins alone), mean-removed and half-wave rectified. */
    private static Onsets onsets(float[] left, float[] right, int hop) {
        int n = left.length;
        int frames = Math.max(0, (n - FFT_SIZE) / hop + 1);
        double[] all = new double[frames];
        double[] low = new double[frames];
        double[] window = new double[FFT_SIZE];
        for (int i = 0; i < FFT_SIZE; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE);
        }
        Fft fft = new Fft(FFT_SIZE);
        double[] re = new double[FFT_SIZE];
        double[] im = new double[FFT_SIZE];
        int bins = FFT_SIZE / 2;
        double[] previous = new double[bins];
        double[] current = new double[bins];
        for (int f = 0; f < frames; f++) {
            int at = f * hop;
            for (int i = 0; i < FFT_SIZE; i++) {
                re[i] = (left[at + i] + right[at + i]) * 0.5 * window[i];
                im[i] = 0;
            }
            fft.transform(re, im);
            double flux = 0;
            double lowFlux = 0;
            for (int b = 1; b < bins; b++) {
                current[b] = Math.log1p(100 * Math.sqrt(re[b] * re[b] + im[b] * im[b]));
                double rise = current[b] - previous[b];
                if (rise > 0) {
                    flux += rise;
                    if (b <= LOW_BINS) {
                        lowFlux += rise;
                    }
                }
            }
            if (f > 0) {
                all[f] = flux;
                low[f] = lowFlux;
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return new Onsets(sharpen(all), sharpen(low));
    }

    /** Removes a 0.5 s moving mean and keeps what rises above it: onsets, not loudness. */
    private static double[] sharpen(double[] x) {
        int n = x.length;
        int radius = 25;
        double[] out = new double[n];
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - radius);
            int to = Math.min(n, i + radius + 1);
            double mean = (prefix[to] - prefix[from]) / (to - from);
            out[i] = Math.max(0, x[i] - mean);
        }
        return out;
    }

    /** Unbiased autocorrelation (normalised by the overlap) up to maxLag. */
    private static double[] autocorrelation(double[] x, int maxLag) {
        int n = x.length;
        double[] ac = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = 0; i + lag < n; i++) {
                s += x[i] * x[i + lag];
            }
            ac[lag] = s / (n - lag);
        }
        return ac;
    }

    private static double interpolate(double[] x, double at) {
        int i = (int) Math.floor(at);
        if (i < 0 || i + 1 >= x.length) {
            return 0;
        }
        double frac = at - i;
        return x[i] * (1 - frac) + x[i + 1] * frac;
    }

    /** The offset within one period at which the onsets line up best with a pulse of that period. */
    private static double bestPhase(double[] onsets, double period) {
        double best = Double.NEGATIVE_INFINITY;
        double bestPhase = 0;
        for (double phase = 0; phase < period; phase += 0.25) {
            double s = 0;
            for (double at = phase; at < onsets.length - 1; at += period) {
                s += interpolate(onsets, at);
            }
            if (s > best) {
                best = s;
                bestPhase = phase;
            }
        }
        return bestPhase;
    }

    /** Which of the first four beats starts the bar: the one whose every-fourth-beat comb carries the most low-end attack. */
    private static int downbeatIndex(Onsets onsets, double phase, double period) {
        double best = Double.NEGATIVE_INFINITY;
        int chosen = 0;
        for (int beat = 0; beat < 4; beat++) {
            double s = 0;
            for (double at = phase + beat * period; at < onsets.low.length - 1; at += 4 * period) {
                s += interpolate(onsets.low, at) + 0.25 * interpolate(onsets.all, at);
            }
            if (s > best) {
                best = s;
                chosen = beat;
            }
        }
        return chosen;
    }

    /** Moves a coarse onset estimate (±25 ms) to where short-time energy rises most steeply. */
    private static int refineAttack(float[] left, float[] right, int approximate, int sampleRate) {
        int block = Math.max(16, sampleRate / 400); // 2.5 ms
        int radius = sampleRate / 40; // 25 ms
        int from = Math.max(block, approximate - radius);
        int to = Math.min(left.length - block, approximate + radius);
        if (from >= to) {
            return Math.max(0, Math.min(left.length - 1, approximate));
        }
        double[] prefix = new double[to - from + 2 * block + 1];
        int origin = from - block;
        for (int i = 0; i < prefix.length - 1; i++) {
            int k = origin + i;
            double v = k >= 0 && k < left.length ? left[k] + right[k] : 0;
            prefix[i + 1] = prefix[i] + v * v;
        }
        double bestRise = Double.NEGATIVE_INFINITY;
        int best = approximate;
        for (int i = from; i < to; i += 4) {
            int p = i - origin;
            double before = prefix[p] - prefix[p - block];
            double after = prefix[p + block] - prefix[p];
            double rise = after - before;
            if (rise > bestRise) {
                bestRise = rise;
                best = i;
            }
        }
        return best;
    }

    /** In-place radix-2 complex FFT of a fixed power-of-two size. */
    static final class Fft {
        private final int n;
        private final int[] reversed;
        private final double[] cos;
        private final double[] sin;

        Fft(int n) {
            if (Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("FFT size must be a power of two");
            }
            this.n = n;
            int bits = Integer.numberOfTrailingZeros(n);
            reversed = new int[n];
            for (int i = 0; i < n; i++) {
                reversed[i] = Integer.reverse(i) >>> (32 - bits);
            }
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int i = 0; i < n / 2; i++) {
                cos[i] = Math.cos(2 * Math.PI * i / n);
                sin[i] = -Math.sin(2 * Math.PI * i / n);
            }
        }

        void transform(double[] re, double[] im) {
            for (int i = 0; i < n; i++) {
                int j = reversed[i];
                if (j > i) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            for (int size = 2; size <= n; size <<= 1) {
                int halfSize = size >> 1;
                int step = n / size;
                for (int start = 0; start < n; start += size) {
                    for (int k = 0; k < halfSize; k++) {
                        double wr = cos[k * step];
                        double wi = sin[k * step];
                        int a = start + k;
                        int b = a + halfSize;
                        double tr = re[b] * wr - im[b] * wi;
                        double ti = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - tr;
                        im[b] = im[a] - ti;
                        re[a] += tr;
                        im[a] += ti;
                    }
                }
            }
        }
    }
}
