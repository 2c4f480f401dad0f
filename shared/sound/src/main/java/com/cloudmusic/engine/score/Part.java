package com.cloudmusic.engine.score;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One voice's line in a {@link Score}: its notes in time order. A MIDI writer makes one track of each part
 * (drum parts on the General MIDI drum channel).
 *
 * @param name  what the part plays, e.g. "kick", "bass", "pad", "arp", "riser", "roll"
 * @param drums true for unpitched hits (the pitch is a General MIDI drum number)
 * @param notes notes sorted by start
 */
public record Part(String name, boolean drums, List<Note> notes) {

    /** General MIDI drum numbers used by drum parts. */
    public static final int GM_KICK = 36;
    public static final int GM_SNARE = 38;
    public static final int GM_CRASH = 49;

    public Part {
        Objects.requireNonNull(name, "name == null");
        notes = notes.stream().sorted(Comparator.comparingInt(Note::start)).toList();
    }
}
