package com.cloudmusic.loop;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key as producers write it: a root (C, F#, Bb, ...) and major or minor ("F#m" is F sharp minor). The
 * root keeps the spelling it was written in, so "Bbm" stays "Bbm" and never becomes "A#m".
 *
 * @param pitchClass 0 = C ... 11 = B
 * @param minor      minor mode
 * @param root       the root as written: an upper-case letter and "#", "b" or nothing
 */
public record MusicalKey(int pitchClass, boolean minor, String root) {

    private static final String[] SHARP_NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final Pattern SHORT = Pattern.compile("^([A-Ga-g])([#b]?)(m|min|maj|major|minor)?$");

    public MusicalKey {
        if (pitchClass < 0 || pitchClass > 11) {
            throw new IllegalArgumentException("pitchClass out of range: " + pitchClass);
        }
        Objects.requireNonNull(root, "root == null");
    }

    /** A key spelled with sharps ("A#m"), for keys that were never written down. */
    public MusicalKey(int pitchClass, boolean minor) {
        this(pitchClass, minor, SHARP_NAMES[pitchClass]);
    }

    /** The same root, spelled the same way, in the given mode. */
    public MusicalKey withMinor(boolean isMinor) {
        return new MusicalKey(pitchClass, isMinor, root);
    }

    /** Parses "F#m", "Bb", "C", "Amin", "Ebmaj"; throws IllegalArgumentException otherwise. */
    public static MusicalKey parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a key: " + text));
    }

    public static Optional<MusicalKey> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHORT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(of(m.group(1), m.group(2), m.group(3) != null && m.group(3).startsWith("m") && !m.group(3).startsWith("ma")));
    }

    /** Builds a key from a letter, an accidental ("#", "b" or "") and the mode. */
    public static MusicalKey of(String letter, String accidental, boolean minor) {
        int base = switch (letter.toUpperCase(Locale.ROOT)) {
            case "C" -> 0;
            case "D" -> 2;
            case "E" -> 4;
            case "F" -> 5;
            case "G" -> 7;
            case "A" -> 9;
            case "B" -> 11;
            default -> throw new IllegalArgumentException("not a note letter: " + letter);
        };
        int shift = "#".equals(accidental) ? 1 : "b".equals(accidental) ? -1 : 0;
        String spelled = letter.toUpperCase(Locale.ROOT) + (shift == 1 ? "#" : shift == -1 ? "b" : "");
        return new MusicalKey(Math.floorMod(base + shift, 12), minor, spelled);
    }

    /** The key's name as written, in the short form: "F#m", "C", "Bbm". */
    public String canonical() {
        return root + (minor ? "m" : "");
    }

    /** Name safe in a file name: "F#m" becomes "Fsharpm", "Bbm" stays "Bbm". */
    public String fileSafe() {
        return canonical().replace("#", "sharp");
    }

    /** MIDI note number of the root in the given octave (C4 = 60). */
    public int midiNote(int octave) {
        return 12 * (octave + 1) + pitchClass;
    }

    /** Frequency in Hz of the root in the given octave, A4 = 440 Hz. */
    public double rootFrequency(int octave) {
        return 440.0 * Math.pow(2, (midiNote(octave) - 69) / 12.0);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
