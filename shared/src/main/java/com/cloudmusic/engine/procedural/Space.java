package com.cloudmusic.engine.procedural;

/**
 * Room and echo: a compact Freeverb-style reverb (parallel damped combs into series all-passes, offset
 * left and right for width) and a tempo-synced ping-pong delay. Both run over the mix including its tail
 * area, so what rings past the loop end is folded back onto the start.
 */
final class Space {

    private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491};
    private static final int[] ALLPASSES = {556, 441, 341};
    private static final int SPREAD = 23;

    private Space() {
    }

    static void reverb(Mix mix, double send, double size, double damping) {
        float[] inL = mix.left;
        float[] inR = mix.right;
        float[] wetL = new float[mix.total];
        float[] wetR = new float[mix.total];
        channel(inL, inR, wetL, 0, (float) size, (float) damping);
        channel(inL, inR, wetR, SPREAD, (float) size, (float) damping);
        float g = (float) send;
        for (int i = 0; i < mix.total; i++) {
            inL[i] += wetL[i] * g;
            inR[i] += wetR[i] * g;
        }
    }

    private static void channel(float[] inL, float[] inR, float[] out, int spread, float feedback, float damping) {
        int n = inL.length;
        for (int c : COMBS) {
            int len = c + spread;
            float[] buf = new float[len];
            int pos = 0;
            float store = 0;
            for (int i = 0; i < n; i++) {
                float y = buf[pos];
                store = y * (1 - damping) + store * damping;
                buf[pos] = (inL[i] + inR[i]) * 0.015f + store * feedback;
                out[i] += y;
                if (++pos == len) {
                    pos = 0;
                }
            }
        }
        for (int a : ALLPASSES) {
            int len = a + spread;
            float[] buf = new float[len];
            int pos = 0;
            for (int i = 0; i < n; i++) {
                float b = buf[pos];
                float x = out[i];
                buf[pos] = x + b * 0.5f;
                out[i] = b - x;
                if (++pos == len) {
                    pos = 0;
                }
            }
        }
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
            lpL += 0.35f * (dr - lpL); // darker with every repeat
            lpR += 0.35f * (dl - lpR);
            bufL[pos] = (l[i] + r[i]) * 0.5f + lpL * fb;
            bufR[pos] = lpR * fb;
            l[i] += dl * g;
            r[i] += dr * g;
            if (++pos == delay) {
                pos = 0;
            }
        }
    }
}
