package com.cloudmusic.engine.procedural;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.engine.score.ChordPlan;
import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.engine.score.ScoreMidi;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The default engine ({@code MUSIC_ENGINE=procedural}): composes a {@link Score} for a kick, bass, texture
 * or riser loop (groove, chord plan, notes), then synthesises it in plain Java, locked to the tempo, in the
 * requested key, shaped by moods, intensity and prompt style words, with a seamless seam and normalised to
 * -14 LUFS under a -1 dBTP ceiling. Same spec, same bytes.
 */
public final class ProceduralEngine implements MusicEngine {

    public static final String NAME = "procedural";

    // Salts of the seed's random streams. The groove and chords do not depend on the loop type, so the
    // voices of a kit (same key, tempo, bars and seed) share them; notes and timbre have a stream per type.
    private static final long CHORDS = 0x43484F52L;
    private static final long NOTES = 0x4E4F5445L;
    private static final long TIMBRE = 0x54494D42L;

    /** Below this everything is mono: the sub must survive a mono club system. */
    private static final double MONO_BELOW_HZ = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) {
        Score score = compose(spec);
        // The notes travel with the audio, so the track stores its MIDI beside the WAV.
        return render(score).withMidi(ScoreMidi.write(score));
    }

    /** Writes the loop's score: its groove and chord plan drawn from the seed, then the notes of its voice. */
    public Score compose(LoopSpec spec) {
        Objects.requireNonNull(spec, "spec == null");
        MusicalKey key = keyOf(spec);
        Style style = Style.of(spec, key);
        ChordPlan chords = Harmony.plan(key.pitchClass(), style, spec.bars(), stream(spec, CHORDS, 0));
        return compose(spec, style.groove(), chords);
    }

    /**
     * Writes the score of one voice over a given groove and chord plan: how the voices of a kit share one
     * harmony and feel.
     */
    public Score compose(LoopSpec spec, Groove groove, ChordPlan chords) {
        Objects.requireNonNull(spec, "spec == null");
        MusicalKey key = keyOf(spec);
        Style style = Style.of(spec, key);
        SplittableRandom rng = stream(spec, NOTES, spec.type().ordinal() + 1);
        Grid grid = new Grid(spec.bpm(), spec.bars());
        List<Part> parts = switch (spec.type()) {
            case KICK -> KickVoice.compose(grid, groove, style, rng);
            case BASS -> BassVoice.compose(grid, groove, style, key.pitchClass(), chords, rng);
            case TEXTURE -> TextureVoice.compose(grid, groove, style, chords, rng);
            case RISER -> RiserVoice.compose(grid, style, key.pitchClass(), rng);
        };
        return new Score(spec, key, groove, chords, parts);
    }

    /** Synthesises a score: the voice renders its parts, then room, seam and loudness. */
    public RenderedLoop render(Score score) {
        Objects.requireNonNull(score, "score == null");
        LoopSpec spec = score.spec();
        Style style = Style.of(spec, score.key());
        SplittableRandom rng = stream(spec, TIMBRE, spec.type().ordinal() + 1);
        Grid grid = new Grid(spec.bpm(), spec.bars());
        boolean oneShot = spec.type() == LoopType.RISER;
        double tailSeconds = oneShot ? 0 : style.space() > 0.2 || style.sub808() ? 3.0 : spec.type() == LoopType.TEXTURE ? 3.2 : 1.2;
        Mix mix = new Mix(spec.frames(), (int) (tailSeconds * Dsp.SR));
        int root = score.key().pitchClass();
        switch (spec.type()) {
            case KICK -> KickVoice.render(mix, grid, score, style, root, rng);
            case BASS -> BassVoice.render(mix, grid, score, style, rng);
            case TEXTURE -> TextureVoice.render(mix, grid, score, style, rng);
            case RISER -> RiserVoice.render(mix, grid, score, style, rng);
        }
        applySpace(mix, spec.type(), style, grid);
        if (spec.type() != LoopType.KICK) { // the kick is mono already
            Space.monoBelow(mix, MONO_BELOW_HZ);
        }
        if (!oneShot) {
            mix.wrapTail();
        }
        float[] left = mix.loopLeft();
        float[] right = mix.loopRight();
        Loudness.normalize(left, right, LoopSpec.SAMPLE_RATE, Loudness.TARGET_LUFS, Loudness.CEILING_DBTP);
        return new RenderedLoop(left, right, spec.bpm(), null, spec.bars(), score.key().canonical(), oneShot, NAME);
    }

    /** The key asked for (A minor when none could be read), made minor when the style is. */
    private static MusicalKey keyOf(LoopSpec spec) {
        MusicalKey requested = MusicalKey.tryParse(spec.key()).orElse(new MusicalKey(9, true));
        return requested.withMinor(Style.of(spec, requested).minor());
    }

    private static SplittableRandom stream(LoopSpec spec, long salt, int voice) {
        return new SplittableRandom(spec.seed() ^ (salt * 0x9E3779B97F4A7C15L) ^ (voice * 0x5DEECE66DL));
    }

    private static void applySpace(Mix mix, LoopType type, Style style, Grid grid) {
        double send = style.space();
        if (type == LoopType.TEXTURE || type == LoopType.RISER) {
            send += 0.18; // pads and risers always get a little room
        }
        if (type == LoopType.KICK) {
            return; // a dry kick: the low end stays tight and every tail clears before the next hit
        }
        double size = 0.8 + 0.12 * style.space();
        if (send <= 0.01) {
            return;
        }
        if (style.space() > 0.3 && type != LoopType.KICK) {
            Space.pingPong(mix, grid.beatFrames, 0.25 * send, 0.45);
        }
        Space.reverb(mix, send, size, 0.25 + 0.3 * (1 - style.brightness()));
    }
}
