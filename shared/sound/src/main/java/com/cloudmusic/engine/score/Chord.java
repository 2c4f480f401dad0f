package com.cloudmusic.engine.score;

import java.util.List;

/**
 * One chord of a {@link ChordPlan}.
 *
 * @param start   onset in ticks
 * @param length  duration in ticks
 * @param degree  scale degree of the root, 0 = the key's tonic
 * @param pitches the voicing as MIDI notes, lowest first
 */
public record Chord(int start, int length, int degree, List<Integer> pitches) {

    public Chord {
        pitches = List.copyOf(pitches);
    }

    public int end() {
        return start + length;
    }
}
