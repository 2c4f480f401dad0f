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
        float[] scratch = new float[BLOCK];
        float[] in = new float[BLOCK];
        float[] wetL = new float[BLOCK];
        float[] wetR = new float[BLOCK];
        float[][] combOut = new float[combs.length][BLOCK];
        float[][] combState = new float[combs.length][BLOCK];
        float g = (float) send;
        float half = 0.5f * g;
        int halfTotal = n / 2 + 1; // w[m] sits at full-rate sample 2m; the last odd sample needs w[n/2]
        float previousL = 0, previousR = 0;
        for (int m0 = 0; m0 < halfTotal; m0 += BLOCK) {
            int len = Math.min(BLOCK, halfTotal - m0);
            // Decimate the mono send with a (1 + z^-1)^3 / 8 low pass: little aliasing from the top octave. The
            // input of half-rate sample j reads the full-rate samples 2 (m0 + j) - 1 .. 2 (m0 + j) + 2; only every
            // second output is worked out, and each step's last two sums are the next step's first two.
            int first = 2 * m0 - 1;
            if (first >= 0 && first + 2 * len + 2 <= n) {
                float a = left[first] + right[first];
                float b = left[first + 1] + right[first + 1];
                for (int j = 0, k = first + 2; j < len; j++, k += 2) {
                    float c = left[k] + right[k];
                    float d = left[k + 1] + right[k + 1];
                    in[j] = (a + 3 * (b + c) + d) * (0.015f / 8);
                    a = c;
                    b = d;
                }
            } else { // the first and last blocks: outside the mix the send is silence
                for (int j = 0, k = first; j < len; j++, k += 2) {
                    in[j] = (monoAt(left, right, k) + 3 * (monoAt(left, right, k + 1) + monoAt(left, right, k + 2))
                            + monoAt(left, right, k + 3)) * (0.015f / 8);
                }
            }
            java.util.Arrays.fill(wetL, 0f);
            java.util.Arrays.fill(wetR, 0f);
            combs(in, wetL, wetR, len, combs, combPos, combStore, feedback, damp, combOut, combState);
            for (int a = 0; a < allpasses.length; a++) {
                allpass(a % 2 == 0 ? wetL : wetR, len, allpasses[a], allpassPos, a, scratch);
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

    /** The mono send at full-rate sample i: silence outside the mix. */
    private static float monoAt(float[] left, float[] right, int i) {
        return i >= 0 && i < left.length ? left[i] + right[i] : 0f;
    }

    private static int half(int fullRateLength) {
        return (fullRateLength + 1) / 2;
    }

    private static final int BLOCK = 512;

    /**
     * One block of the twelve damped combs (line 2c left, 2c+1 right). A comb line is longer than the block, so
     * what the block reads from a line was written before it: only the damping low pass is a feedback chain
     * within the block. The lines' reads, writes and sums run as plain array loops (the JIT vectorises them)
     * and the twelve damping chains side by side in one loop, where the CPU overlaps them.
     */
    private static void combs(float[] in, float[] wetL, float[] wetR, int len, float[][] lines, int[] pos, float[] store,
                              float feedback, float damp, float[][] out, float[][] state) {
        float undamp = 1 - damp;
        for (int c = 0; c < lines.length; c++) {
            float[] line = lines[c];
            float[] y = out[c];
            float[] s = state[c];
            int p = pos[c];
            int first = Math.min(len, line.length - p);
            System.arraycopy(line, p, y, 0, first);
            System.arraycopy(line, 0, y, first, len - first);
            for (int j = 0; j < len; j++) {
                s[j] = y[j] * undamp;
            }
        }
        dampingChains(state, len, store, damp);
        for (int c = 0; c < lines.length; c++) {
            float[] line = lines[c];
            float[] s = state[c];
            int p = pos[c];
            int first = Math.min(len, line.length - p);
            // Computed in place and then copied: a loop writing at another offset than it reads is not vectorised.
            for (int j = 0; j < len; j++) {
                s[j] = Math.fma(s[j], feedback, in[j]);
            }
            System.arraycopy(s, 0, line, p, first);
            System.arraycopy(s, first, line, 0, len - first);
            pos[c] = (p + len) % line.length;
            float[] wet = c % 2 == 0 ? wetL : wetR;
            float[] y = out[c];
            for (int j = 0; j < len; j++) {
                wet[j] += y[j];
            }
        }
    }

    /** The twelve combs' damping low passes, s = s * damp + x, in place over x: twelve independent chains. */
    private static void dampingChains(float[][] x, int len, float[] store, float damp) {
        float[] x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5];
        float[] x6 = x[6], x7 = x[7], x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11];
        float s0 = store[0], s1 = store[1], s2 = store[2], s3 = store[3], s4 = store[4], s5 = store[5];
        float s6 = store[6], s7 = store[7], s8 = store[8], s9 = store[9], s10 = store[10], s11 = store[11];
        for (int j = 0; j < len; j++) {
            // Fused multiply-adds keep each chain one instruction long.
            x0[j] = s0 = Math.fma(s0, damp, x0[j]);
            x1[j] = s1 = Math.fma(s1, damp, x1[j]);
            x2[j] = s2 = Math.fma(s2, damp, x2[j]);
            x3[j] = s3 = Math.fma(s3, damp, x3[j]);
            x4[j] = s4 = Math.fma(s4, damp, x4[j]);
            x5[j] = s5 = Math.fma(s5, damp, x5[j]);
            x6[j] = s6 = Math.fma(s6, damp, x6[j]);
            x7[j] = s7 = Math.fma(s7, damp, x7[j]);
            x8[j] = s8 = Math.fma(s8, damp, x8[j]);
            x9[j] = s9 = Math.fma(s9, damp, x9[j]);
            x10[j] = s10 = Math.fma(s10, damp, x10[j]);
            x11[j] = s11 = Math.fma(s11, damp, x11[j]);
        }
        store[0] = s0;
        store[1] = s1;
        store[2] = s2;
        store[3] = s3;
        store[4] = s4;
        store[5] = s5;
        store[6] = s6;
        store[7] = s7;
        store[8] = s8;
        store[9] = s9;
        store[10] = s10;
        store[11] = s11;
    }

    /**
     * One series all-pass over x[0 .. len): a run up to the line's wrap reads only what was written before
     * it, so the run's old values are copied out, worked with x at the same index (a vectorised loop) and
     * copied back.
     */
    private static void allpass(float[] x, int len, float[] buf, int[] positions, int line, float[] scratch) {
        int n = buf.length;
        int pos = positions[line];
        int j = 0;
        while (j < len) {
            int run = Math.min(len - j, n - pos);
            System.arraycopy(buf, pos, scratch, j, run);
            for (int end = j + run; j < end; j++) {
                float b = scratch[j];
                float v = x[j];
                scratch[j] = Math.fma(b, 0.5f, v);
                x[j] = b - v;
            }
            System.arraycopy(scratch, j - run, buf, pos, run);
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
