package com.cloudmusic.engine.procedural;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.engine.LoopSpec;
import com.cloudmusic.engine.MusicalKey;
import com.cloudmusic.tracks.LoopType;
import com.cloudmusic.tracks.Mode;
import java.util.List;
import java.util.SplittableRandom;

/** Temporary: time per stage of a 30 s render. */
public final class StageProf {
    public static void main(String[] a) {
        for (int round = 0; round < 40; round++) {
            boolean print = round >= 30;
            for (LoopType type : LoopType.values()) {
                for (boolean ambient : new boolean[] {false, true}) {
                    LoopSpec spec = new LoopSpec(Mode.GUIDED, type, 120, 15, "F#m", 42, 3, false, ambient, false, List.of(), "");
                    MusicalKey key = new MusicalKey(6, true);
                    Style style = Style.of(spec, key);
                    SplittableRandom rng = new SplittableRandom(42);
                    Grid grid = new Grid(120, 15, style.swing());
                    long t0 = System.nanoTime();
                    Mix mix = new Mix(spec.frames(), (int) (3.0 * Dsp.SR));
                    long t1 = System.nanoTime();
                    switch (type) {
                        case KICK -> KickVoice.render(mix, grid, style, 6, rng.split());
                        case BASS -> BassVoice.render(mix, grid, style, 6, rng.split());
                        case TEXTURE -> TextureVoice.render(mix, grid, style, 6, rng.split());
                        case RISER -> RiserVoice.render(mix, grid, style, 6, rng.split());
                    }
                    long t2 = System.nanoTime();
                    if (style.space() > 0.3) {
                        Space.pingPong(mix, grid.beatFrames, 0.2, 0.45);
                    }
                    long t3 = System.nanoTime();
                    Space.reverb(mix, 0.3, 0.85, 0.4);
                    long t4 = System.nanoTime();
                    mix.wrapTail();
                    float[] l = mix.loopLeft(), r = mix.loopRight();
                    long t5 = System.nanoTime();
                    Loudness.normalize(l, r, 44100, -14, -1);
                    long t6 = System.nanoTime();
                    if (print) {
                        System.out.printf("%-8s %-5s alloc %5.1f voice %5.1f ping %5.1f reverb %5.1f wrap+copy %5.1f loud %5.1f%n",
                                type, ambient, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, (t6 - t5) / 1e6);
                    }
                }
            }
        }
    }
}
