package com.cloudmusic.engine.procedural;

import java.util.SplittableRandom;

/**
 * Kick drum: a sine body with a fast pitch sweep, tuned to the key, an exponential amplitude envelope, a
 * noise click, saturation that grows with the drive. One hit is synthesised once and stamped onto the
 * grid, which keeps rendering cheap however many hits there are.
 */
final class KickVoice {

    private KickVoice() {
    }

    static void render(Mix mix, Grid grid, Style style, int rootPitchClass, SplittableRandom rng) {
        // Tune the body to the key: its root in E1..B1, or the fifth under a higher root (41..62 Hz).
        int midi = 28 + Math.floorMod(rootPitchClass - 4, 12);
        double tune = Dsp.midiToHz(midi > 35 ? midi - 5 : midi);
        // The seed shapes the drum itself: decay, sweep depth and click differ from one seed to the next.
        double decay = (style.sub808() ? 0.55 : 0.11 + 0.05 * (1 - style.brightness()) + 0.03 * style.softness())
                * (0.8 + 0.45 * rng.nextDouble());
        double sweepTime = (style.sub808() ? 0.045 : 0.028 - 0.006 * style.density()) * (0.75 + 0.5 * rng.nextDouble());
        double startHz = tune * (style.sub808() ? 3.2 : 4.5 + 1.5 * style.brightness()) * (0.8 + 0.4 * rng.nextDouble());
        double click = (style.groove() == Style.Groove.SWUNG ? 0.12 : 0.25 + 0.25 * style.brightness())
                * (0.6 + 0.8 * rng.nextDouble());
        double drive = 1.0 + 2.5 * style.drive();

        // The kick is the first layer and mono: it is stamped onto the left channel only, then copied.
        float[] hit = hit(tune, startHz, sweepTime, decay, click, drive, rng.nextLong());
        float[] ghost = hit(tune, startHz * 0.8, sweepTime, decay * 0.45, click * 0.5, drive, rng.nextLong());

        int bars = grid.steps / 16;
        int[] main = pattern(style.groove(), rng);
        int[] alternate = pattern(style.groove(), rng);
        for (int bar = 0; bar < bars; bar++) {
            // Broken and half-time patterns answer themselves every second bar.
            int[] steps = bar % 2 == 1 && style.groove() != Style.Groove.FOUR_ON_FLOOR ? alternate : main;
            for (int s : steps) {
                stamp(mix, hit, grid.at(bar * 16 + s), 1f);
            }
        }
        // Ghost notes: quiet off-beat 16ths, more of them with intensity and density.
        int ghosts = (int) Math.round(style.density() * 3 * bars);
        if (style.intensity() >= 3 || style.density() > 0.45) {
            for (int g = 0; g < ghosts; g++) {
                int bar = rng.nextInt(bars);
                int step = new int[] {3, 6, 7, 11, 14, 15}[rng.nextInt(6)];
                stamp(mix, ghost, grid.at(bar * 16 + step), (float) (0.28 + 0.12 * rng.nextDouble()));
            }
        }
        System.arraycopy(mix.left, 0, mix.right, 0, mix.total);
    }

    private static int[] pattern(Style.Groove groove, SplittableRandom rng) {
        return switch (groove) {
            case FOUR_ON_FLOOR -> new int[] {0, 4, 8, 12};
            case BROKEN -> rng.nextBoolean() ? new int[] {0, 10} : new int[] {0, 7, 10};
            case HALF_TIME -> rng.nextBoolean() ? new int[] {0, 11} : new int[] {0, 7, 10};
            case SWUNG -> rng.nextBoolean() ? new int[] {0, 7, 10} : new int[] {0, 9, 10};
        };
    }

    private static void stamp(Mix mix, float[] hit, int at, float gain) {
        int n = Math.min(hit.length, mix.total - at);
        float[] l = mix.left;
        for (int i = 0; i < n; i++) {
            l[at + i] += hit[i] * gain;
        }
    }

    static float[] hit(double tune, double startHz, double sweepTime, double decay, double click, double drive,
                       long seed) {
        int length = (int) (Dsp.SR * Math.min(1.6, decay * 6.5));
        float[] out = new float[length];
        double pitchFall = Math.exp(-1.0 / (sweepTime * Dsp.SR));
        double ampFall = Math.exp(-1.0 / (decay * Dsp.SR));
        double clickFall = Math.exp(-1.0 / (0.0025 * Dsp.SR));
        Dsp.Noise noise = new Dsp.Noise(seed);
        double sweep = startHz - tune;
        double amp = 1;
        double clickAmp = click;
        double phase = 0;
        float hp = 0, lastNoise = 0;
        float inverseNorm = 1 / Dsp.softClip((float) drive);
        int attack = Dsp.SR / 2000; // 0.5 ms
        int fade = Math.min(length / 4, Dsp.SR / 100);
        for (int i = 0; i < length; i++) {
            double f = tune + sweep;
            sweep *= pitchFall;
            phase += f / Dsp.SR;
            float body = Dsp.sin(phase) * (float) amp;
            amp *= ampFall;
            float n = noise.next();
            hp = 0.6f * (hp + n - lastNoise); // one-pole high pass: a bright click, no thump
            lastNoise = n;
            float clickSample = (float) clickAmp * hp;
            clickAmp *= clickFall;
            float v = Dsp.softClip((float) drive * (body + clickSample)) * inverseNorm;
            if (i < attack) {
                v *= i / (float) attack;
            }
            if (i >= length - fade) {
                v *= (length - i) / (float) fade;
            }
            out[i] = v;
        }
        return out;
    }
}
