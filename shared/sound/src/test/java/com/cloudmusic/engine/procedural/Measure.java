package com.cloudmusic.engine.procedural;

/** Measurements a producer's ear makes, as numbers: spectra, band energies, mono sum, similarity. */
public final class Measure {

    static final int SR = 44_100;

    private Measure() {
    }

    /** Mean square of x over [from, to), clipped to the array. */
    static double energy(float[] x, int from, int to) {
        double sum = 0;
        int a = Math.max(0, from), b = Math.min(x.length, to);
        for (int i = a; i < b; i++) {
            sum += x[i] * (double) x[i];
        }
        return b > a ? sum / (b - a) : 0;
    }

    static double db(double ratio) {
        return 10 * Math.log10(Math.max(ratio, 1e-30));
    }

    /** How much quieter the loop gets summed to mono, in dB (0 for a mono loop, about 3 for uncorrelated sides). */
    static double monoLossDb(float[] left, float[] right) {
        double sides = 0, mid = 0;
        for (int i = 0; i < left.length; i++) {
            sides += left[i] * (double) left[i] + right[i] * (double) right[i];
            double m = (left[i] + (double) right[i]) / 2;
            mid += 2 * m * m;
        }
        return db(sides / mid);
    }

    /** Pearson correlation of two signals. */
    static double correlation(float[] a, float[] b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            sa += a[i];
            sb += b[i];
            saa += a[i] * (double) a[i];
            sbb += b[i] * (double) b[i];
            sab += a[i] * (double) b[i];
        }
        double cov = sab - sa * sb / n;
        return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    /** Pearson correlation of two equally long arrays. */
    static double correlation(double[] a, double[] b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            sa += a[i];
            sb += b[i];
            saa += a[i] * a[i];
            sbb += b[i] * b[i];
            sab += a[i] * b[i];
        }
        double cov = sab - sa * sb / n;
        return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    /**
     * Log-magnitude spectrogram of the mono sum: 2048-sample Hann frames every 1024 samples, energies in
     * sixth-octave bands from 30 Hz to 16 kHz, in dB floored 80 dB under the loudest cell; flattened.
     */
    static double[] logSpectrogram(float[] left, float[] right) {
        int size = 2048, hop = 1024;
        int bands = (int) Math.floor(6 * Math.log(16000 / 30.0) / Math.log(2));
        int frames = Math.max(1, (left.length - size) / hop + 1);
        double[] out = new double[frames * bands];
        double[] re = new double[size];
        double[] im = new double[size];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < size; i++) {
                int j = f * hop + i;
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
                re[i] = j < left.length ? (left[j] + right[j]) * 0.5 * w : 0;
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 1; k < size / 2; k++) {
                double hz = k * (double) SR / size;
                if (hz < 30 || hz >= 16000) {
                    continue;
                }
                int band = Math.min(bands - 1, (int) Math.floor(6 * Math.log(hz / 30) / Math.log(2)));
                out[f * bands + band] += re[k] * re[k] + im[k] * im[k];
            }
        }
        double max = 0;
        for (double v : out) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(db(out[i] / max), -80);
        }
        return out;
    }

    /** Energy per band of the whole signal (mono sum) between lo and hi Hz, relative to the total. */
    static double bandShare(float[] left, float[] right, double lo, double hi) {
        int size = 4096;
        double band = 0, total = 0;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int start = 0; start + size <= left.length; start += size) {
            for (int i = 0; i < size; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
                re[i] = (left[start + i] + right[start + i]) * 0.5 * w;
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 1; k < size / 2; k++) {
                double hz = k * (double) SR / size;
                double e = re[k] * re[k] + im[k] * im[k];
                total += e;
                if (hz >= lo && hz < hi) {
                    band += e;
                }
            }
        }
        return band / total;
    }

    /** Mean of the signal (DC) in dBFS. */
    static double dcDb(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return 20 * Math.log10(Math.max(1e-12, Math.abs(sum / x.length)));
    }

    /** In-place radix-2 FFT. */
    public static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang), wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int j = 0; j < len / 2; j++) {
                    int a = i + j, b = i + j + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    /** A 4th-order high pass (two Butterworth biquads). */
    static float[] highPass(float[] x, double hz) {
        float[] y = x.clone();
        for (int pass = 0; pass < 2; pass++) {
            double w = Math.tan(Math.PI * hz / SR);
            double k = Math.sqrt(2);
            double norm = 1 / (1 + k * w + w * w);
            double b0 = norm, b1 = -2 * norm, b2 = norm;
            double a1 = 2 * (w * w - 1) * norm, a2 = (1 - k * w + w * w) * norm;
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < y.length; i++) {
                double v = y[i];
                double out = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                x2 = x1;
                x1 = v;
                y2 = y1;
                y1 = out;
                y[i] = (float) out;
            }
        }
        return y;
    }

    /** A 4th-order low pass (two biquads). */
    static float[] lowPass(float[] x, double hz) {
        float[] y = x.clone();
        for (int pass = 0; pass < 2; pass++) {
            double w = Math.tan(Math.PI * hz / SR);
            double k = Math.sqrt(2);
            double norm = 1 / (1 + k * w + w * w);
            double b0 = w * w * norm, b1 = 2 * b0, b2 = b0;
            double a1 = 2 * (w * w - 1) * norm, a2 = (1 - k * w + w * w) * norm;
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (int i = 0; i < y.length; i++) {
                double v = y[i];
                double out = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                x2 = x1;
                x1 = v;
                y2 = y1;
                y1 = out;
                y[i] = (float) out;
            }
        }
        return y;
    }
}
