package com.cloudmusic.engine.score;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicalKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a loop plays, written before any sound is made: the key, tempo and bars, the groove and chord plan,
 * and the notes of each part. The procedural engine composes a score from a {@link LoopSpec} and then
 * renders it; a MIDI writer exports it, and a kit shares one chord plan and groove across its voices.
 * Time is in ticks, {@link #TICKS_PER_BEAT} per quarter-note beat, 4/4.
 *
 * @param spec   the request the score was composed for (its seed also draws the timbres at render time)
 * @param key    the key the notes are in, spelled as asked
 * @param groove the rhythmic feel
 * @param chords the harmony
 * @param parts  the voices' lines
 */
public record Score(LoopSpec spec, MusicalKey key, Groove groove, ChordPlan chords, List<Part> parts) {

    /** Ticks per quarter-note beat; a 16th is 120 ticks. */
    public static final int TICKS_PER_BEAT = 480;
    public static final int TICKS_PER_STEP = TICKS_PER_BEAT / 4;
    public static final int TICKS_PER_BAR = TICKS_PER_BEAT * 4;

    public Score {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(groove, "groove == null");
        Objects.requireNonNull(chords, "chords == null");
        parts = List.copyOf(parts);
    }

    public int bpm() {
        return spec.bpm();
    }

    public int bars() {
        return spec.bars();
    }

    /** Length of the loop in ticks. */
    public int lengthTicks() {
        return bars() * TICKS_PER_BAR;
    }

    public Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
