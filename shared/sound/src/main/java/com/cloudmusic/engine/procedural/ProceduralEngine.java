package com.cloudmusic.engine.procedural;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The default engine ({@code MUSIC_ENGINE=procedural}): synthesises kick, bass, texture and riser loops
 * in plain Java, locked to the tempo, in the requested key, shaped by moods, intensity and prompt style
 * words, with a seamless seam and normalised to -14 LUFS under a -1 dBTP ceiling. Same spec, same bytes.
 */
public final class ProceduralEngine implements MusicEngine {

    public static final String NAME = "procedural";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) {
        Objects.requireNonNull(spec, "spec == null");
        MusicalKey requested = MusicalKey.tryParse(spec.key()).orElse(new MusicalKey(9, true));
        Style style = Style.of(spec, requested);
        MusicalKey key = new MusicalKey(requested.pitchClass(), style.minor());
        // Each voice draws from its own stream so adding a layer never reshuffles another's choices.
        SplittableRandom rng = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL * (spec.type().ordinal() + 1));

        Grid grid = new Grid(spec.bpm(), spec.bars(), style.swing());
        boolean oneShot = spec.type() == LoopType.RISER;
        double tailSeconds = oneShot ? 0 : style.space() > 0.2 || style.sub808() ? 3.0 : spec.type() == LoopType.TEXTURE ? 3.2 : 1.2;
        Mix mix = new Mix(spec.frames(), (int) (tailSeconds * Dsp.SR));

        switch (spec.type()) {
            case KICK -> KickVoice.render(mix, grid, style, key.pitchClass(), rng.split());
            case BASS -> BassVoice.render(mix, grid, style, key.pitchClass(), rng.split());
            case TEXTURE -> TextureVoice.render(mix, grid, style, key.pitchClass(), rng.split());
            case RISER -> RiserVoice.render(mix, grid, style, key.pitchClass(), rng.split());
        }
        applySpace(mix, spec.type(), style, grid);
        if (!oneShot) {
            mix.wrapTail();
        }
        float[] left = mix.loopLeft();
        float[] right = mix.loopRight();
        Loudness.normalize(left, right, LoopSpec.SAMPLE_RATE, Loudness.TARGET_LUFS, Loudness.CEILING_DBTP);
        return new RenderedLoop(left, right, spec.bpm(), null, spec.bars(), key.canonical(), oneShot, NAME);
    }

    private static void applySpace(Mix mix, LoopType type, Style style, Grid grid) {
        double send = style.space();
        if (type == LoopType.TEXTURE || type == LoopType.RISER) {
            send += 0.18; // pads and risers always get a little room
        }
        if (type == LoopType.KICK) {
            send *= 0.35; // keep the low end tight even when ambient
        }
        if (send <= 0.01) {
            return;
        }
        if (style.space() > 0.3 && type != LoopType.KICK) {
            Space.pingPong(mix, grid.beatFrames, 0.25 * send, 0.45);
        }
        Space.reverb(mix, send, 0.8 + 0.12 * style.space(), 0.25 + 0.3 * (1 - style.brightness()));
    }
}
