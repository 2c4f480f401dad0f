package com.cloudmusic.engine.score;

/**
 * One note or drum hit of a {@link Part}, on the score's tick grid ({@link Score#TICKS_PER_BEAT} per beat).
 *
 * @param start    onset in ticks from the loop start (swing already applied)
 * @param length   duration in ticks, at least one
 * @param pitch    MIDI note number (drum parts use General MIDI drum numbers, e.g. 36 kick)
 * @param velocity MIDI velocity 1..127
 * @param glide    true when the pitch glides from the previous note instead of starting afresh (slides,
 *                 808 glides, a riser's climb)
 */
public record Note(int start, int length, int pitch, int velocity, boolean glide) {

    public Note {
        if (start < 0 || length < 1) {
            throw new IllegalArgumentException("note needs start >= 0 and length >= 1: " + start + "/" + length);
        }
        if (pitch < 0 || pitch > 127 || velocity < 1 || velocity > 127) {
            throw new IllegalArgumentException("pitch and velocity must be MIDI values: " + pitch + "/" + velocity);
        }
    }

    public Note(int start, int length, int pitch, int velocity) {
        this(start, length, pitch, velocity, false);
    }

    public int end() {
        return start + length;
    }

    /** Velocity as a gain in (0, 1]. */
    public float gain() {
        return velocity / 127f;
    }
}
