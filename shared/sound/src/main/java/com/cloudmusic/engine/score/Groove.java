package com.cloudmusic.engine.score;

/**
 * The rhythmic feel a loop is composed in, shared by every voice of a kit.
 *
 * @param feel  the family of patterns
 * @param swing delay of every second 16th as a fraction of a 16th (0 = straight)
 */
public record Groove(Feel feel, double swing) {

    /** Rhythm families, each with its own kick patterns and bass accents. */
    public enum Feel {
        /** Kick on every beat: house, techno, trance. */
        FOUR_ON_THE_FLOOR,
        /** Two-step and broken beats at drum-and-bass tempos. */
        BROKEN,
        /** Half-time: the backbeat on beat 3 (dubstep, half-time dnb). */
        HALF_TIME,
        /** Trap and drill: sparse kicks with 808s and rolls. */
        TRAP,
        /** Hip-hop, boom-bap and lo-fi: swung, laid-back kicks. */
        HIP_HOP
    }

    public Groove {
        if (feel == null || swing < 0 || swing >= 0.5) {
            throw new IllegalArgumentException("a groove needs a feel and a swing in [0, 0.5)");
        }
    }
}
