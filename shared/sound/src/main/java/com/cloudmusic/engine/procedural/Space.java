package com.cloudmusic.engine.procedural;

/**
 * Room and echo: a compact Freeverb-style reverb (parallel damped combs into series all-passes, offset
 * left and right for width, run at half the sample rate) and a tempo-synced ping-pong delay. Both run over the mix including its tail
 * area, so what rings past the loop end is folded back onto the start.
 */
final class Space {

    private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491};
    private static final int[] ALLPASSES = {556, 441, 341};
    private static final int SPREAD = 23;

    private Space() {
    }

    static void reverb(Mix mix, double send, double size, double damping) {
        float[] left = mix.left;
        float[] right = mix.right;
        int n = mix.total;
        float feedback = (float) size;
        // The tank runs at half the sample rate, the classic trick of hardware reverbs: the same delay
        // times in half the samples, half the work. The damping pole is squared so the comb low pass keeps
        // its cutoff in Hz (4-7 kHz, well under the 11 kHz the half rate carries).
        float damp = (float) (damping * damping);
        // Comb c of the left channel is line 2c, of the right channel 2c+1 (SPREAD samples longer).
        float[][] combs = new float[2 * COMBS.length][];
        for (int c = 0; c < COMBS.length; c++) {
            combs[2 * c] = new float[half(COMBS[c])];
            combs[2 * c + 1] = new float[half(COMBS[c] + SPREAD)];
        }
        int[] combPos = new int[combs.length];
        float[] combStore = new float[combs.length];
        float[][] allpasses = new float[2 * ALLPASSES.length][];
        for (int a = 0; a < ALLPASSES.length; a++) {
            allpasses[2 * a] = new float[half(ALLPASSES[a])];
            allpasses[2 * a + 1] = new float[half(ALLPASSES[a] + SPREAD)];
        }
        int[] allpassPos = new int[allpasses.length];
        // Block by block through small buffers that stay in the cache, adding the wet signal in place:
        // no copy of the mix is needed, because a block's input is read before its wet sound is added,
        // and a block only writes samples before the first one the next block reads.
        float[] mono = new float[2 * BLOCK + 2];
        float[] in = new float[BLOCK];
        float[] wetL = new float[BLOCK];
        float[] wetR = new float[BLOCK];
        float g = (float) send;
        float half = 0.5f * g;
        int halfTotal = n / 2 + 1; // w[m] sits at full-rate sample 2m; the last odd sample needs w[n/2]
        float previousL = 0, previousR = 0;
        for (int m0 = 0; m0 < halfTotal; m0 += BLOCK) {
            int len = Math.min(BLOCK, halfTotal - m0);
            // Decimate the mono send with a (1 + z^-1)^3 / 8 low pass: little aliasing from the top octave.
            // mono[k] is the full-rate sample 2 m0 - 1 + k.
            int first = 2 * m0 - 1;
            for (int k = 0; k < 2 * len + 2; k++) {
                int i = first + k;
                mono[k] = i >= 0 && i < n ? left[i] + right[i] : 0f;
            }
            for (int j = 0; j < len; j++) {
                int k = 2 * j;
                in[j] = (mono[k] + 3 * (mono[k + 1] + mono[k + 2]) + mono[k + 3]) * (0.015f / 8);
            }
            java.util.Arrays.fill(wetL, 0f);
            java.util.Arrays.fill(wetR, 0f);
            for (int c = 0; c < COMBS.length; c += 2) {
                combQuad(in, wetL, wetR, len, combs, combPos, combStore, 2 * c, feedback, damp);
            }
            for (int a = 0; a < allpasses.length; a++) {
                allpass(a % 2 == 0 ? wetL : wetR, len, allpasses[a], allpassPos, a);
            }
            // Back to the full rate by linear interpolation: even samples take w[m], odd ones the mean of
            // w[m] and w[m+1]; the odd sample before this block needed this block's first value.
            if (m0 > 0) {
                left[first] += (previousL + wetL[0]) * half;
                right[first] += (previousR + wetR[0]) * half;
            }
            if (2 * (m0 + len) <= n) { // the whole block lies inside the mix
                for (int j = 0; j < len - 1; j++) {
                    int i = 2 * (m0 + j);
                    left[i] += wetL[j] * g;
                    right[i] += wetR[j] * g;
                    left[i + 1] += (wetL[j] + wetL[j + 1]) * half;
                    right[i + 1] += (wetR[j] + wetR[j + 1]) * half;
                }
                int last = 2 * (m0 + len - 1);
                left[last] += wetL[len - 1] * g;
                right[last] += wetR[len - 1] * g;
            } else { // the final block: stop at the end of the mix
                for (int j = 0; j < len; j++) {
                    int i = 2 * (m0 + j);
                    if (i < n) {
                        left[i] += wetL[j] * g;
                        right[i] += wetR[j] * g;
                    }
                    if (j + 1 < len && i + 1 < n) {
                        left[i + 1] += (wetL[j] + wetL[j + 1]) * half;
                        right[i + 1] += (wetR[j] + wetR[j + 1]) * half;
                    }
                }
            }
            previousL = wetL[len - 1];
            previousR = wetR[len - 1];
        }
    }

    private static int half(int fullRateLength) {
        return (fullRateLength + 1) / 2;
    }

    private static final int BLOCK = 512;

    /**
     * Damped combs c and c+1 of both channels (lines at {@code first} .. first+3) in one loop: four
     * independent feedback chains side by side instead of one at a time, so the CPU overlaps them.
     */
    private static void combQuad(float[] in, float[] wetL, float[] wetR, int len, float[][] lines, int[] pos,
                                 float[] store, int first, float feedback, float damp) {
        float undamp = 1 - damp;
        float[] b0 = lines[first], b1 = lines[first + 1], b2 = lines[first + 2], b3 = lines[first + 3];
        int n0 = b0.length, n1 = b1.length, n2 = b2.length, n3 = b3.length;
        int p0 = pos[first], p1 = pos[first + 1], p2 = pos[first + 2], p3 = pos[first + 3];
        float s0 = store[first], s1 = store[first + 1], s2 = store[first + 2], s3 = store[first + 3];
        int j = 0;
        while (j < len) {
            // Up to the next wrap of any of the four lines the loop runs without position checks.
            int run = Math.min(len - j, Math.min(Math.min(n0 - p0, n1 - p1), Math.min(n2 - p2, n3 - p3)));
            int d0 = p0 - j, d1 = p1 - j, d2 = p2 - j, d3 = p3 - j;
            for (int end = j + run; j < end; j++) {
                float x = in[j];
                float y0 = b0[d0 + j], y1 = b1[d1 + j], y2 = b2[d2 + j], y3 = b3[d3 + j];
                // Fused multiply-adds keep the damping filters' feedback chains short.
                s0 = Math.fma(s0, damp, y0 * undamp);
                s1 = Math.fma(s1, damp, y1 * undamp);
                s2 = Math.fma(s2, damp, y2 * undamp);
                s3 = Math.fma(s3, damp, y3 * undamp);
                b0[d0 + j] = Math.fma(s0, feedback, x);
                b1[d1 + j] = Math.fma(s1, feedback, x);
                b2[d2 + j] = Math.fma(s2, feedback, x);
                b3[d3 + j] = Math.fma(s3, feedback, x);
                wetL[j] = wetL[j] + y0 + y2;
                wetR[j] = wetR[j] + y1 + y3;
            }
            p0 = (p0 + run) % n0;
            p1 = (p1 + run) % n1;
            p2 = (p2 + run) % n2;
            p3 = (p3 + run) % n3;
        }
        pos[first] = p0;
        pos[first + 1] = p1;
        pos[first + 2] = p2;
        pos[first + 3] = p3;
        store[first] = s0;
        store[first + 1] = s1;
        store[first + 2] = s2;
        store[first + 3] = s3;
    }

    private static void allpass(float[] x, int len, float[] buf, int[] positions, int line) {
        int n = buf.length;
        int pos = positions[line];
        int j = 0;
        while (j < len) {
            int run = Math.min(len - j, n - pos);
            int d = pos - j;
            for (int end = j + run; j < end; j++) {
                float b = buf[d + j];
                float v = x[j];
                buf[d + j] = Math.fma(b, 0.5f, v);
                x[j] = b - v;
            }
            pos = (pos + run) % n;
        }
        positions[line] = pos;
    }

    /** Dotted-8th ping-pong echo, feedback kept low so it sits behind the dry sound. */
    static void pingPong(Mix mix, double beatFrames, double send, double feedback) {
        int delay = (int) Math.round(beatFrames * 0.75);
        float[] l = mix.left;
        float[] r = mix.right;
        float[] bufL = new float[delay];
        float[] bufR = new float[delay];
        int pos = 0;
        float fb = (float) feedback;
        float g = (float) send;
        float lpL = 0, lpR = 0;
        for (int i = 0; i < mix.total; i++) {
            float dl = bufL[pos];
            float dr = bufR[pos];
            lpL = Math.fma(0.65f, lpL, 0.35f * dr); // darker with every repeat
            lpR = Math.fma(0.65f, lpR, 0.35f * dl);
            bufL[pos] = Math.fma(lpL, fb, (l[i] + r[i]) * 0.5f);
            bufR[pos] = lpR * fb;
            l[i] = Math.fma(dl, g, l[i]);
            r[i] = Math.fma(dr, g, r[i]);
            if (++pos == delay) {
                pos = 0;
            }
        }
    }

    /**
     * Makes everything below {@code hz} mono: the side signal goes through a 24 dB/octave high pass, so the
     * sub sits in the middle whatever the room and echo did, and a mono club system gets all of it. A mix
     * that is mono already is left as it is (its side is silence).
     */
    static void monoBelow(Mix mix, double hz) {
        float[] l = mix.left;
        float[] r = mix.right;
        int n = mix.total;
        if (java.util.Arrays.equals(l, r)) {
            return;
        }
        // Mid into the left array and side into the right, the side filtered in place, then back to L/R.
        for (int i = 0; i < n; i++) {
            float mid = 0.5f * (l[i] + r[i]);
            float side = 0.5f * (l[i] - r[i]);
            l[i] = mid;
            r[i] = side;
        }
        Dsp.highPass24(r, n, hz);
        for (int i = 0; i < n; i++) {
            float mid = l[i];
            float side = r[i];
            l[i] = mid + side;
            r[i] = mid - side;
        }
    }
}
