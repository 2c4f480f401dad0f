package com.cloudmusic.engine.score;

import java.util.List;

/**
 * The harmony of a loop: chords back to back from tick 0 to the loop end. Every voice of a kit reads the
 * same plan, so the bass, the texture and their MIDI agree.
 *
 * @param chords the chords in time order, covering the loop
 */
public record ChordPlan(List<Chord> chords) {

    public ChordPlan {
        chords = List.copyOf(chords);
        if (chords.isEmpty()) {
            throw new IllegalArgumentException("a chord plan needs at least one chord");
        }
    }

    /** The chord sounding at a tick (the last one for ticks past the end). */
    public Chord at(int tick) {
        for (Chord c : chords) {
            if (tick < c.end()) {
                return c;
            }
        }
        return chords.get(chords.size() - 1);
    }
}
