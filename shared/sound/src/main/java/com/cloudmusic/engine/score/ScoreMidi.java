package com.cloudmusic.engine.score;

import com.cloudmusic.loop.MusicalKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * A score as a Standard MIDI File (type 1, {@link Score#TICKS_PER_BEAT} PPQ), written with the JDK's
 * {@code javax.sound.midi}: a conductor track with the tempo, 4/4 and the key signature, then one named
 * track per part (drum parts on General MIDI channel 10), every track ending at the loop's last bar line
 * so a DAW loops it at exactly the WAV's length. At the score's tempo tick t falls on sample
 * t / PPQ x 60 / bpm x 44,100 of the WAV.
 */
public final class ScoreMidi {

    /** MIDI channel 10 (index 9): General MIDI drums. */
    static final int DRUM_CHANNEL = 9;
    private static final int META_TRACK_NAME = 0x03;
    private static final int META_TEMPO = 0x51;
    private static final int META_TIME_SIGNATURE = 0x58;
    private static final int META_KEY_SIGNATURE = 0x59;
    private static final int META_END_OF_TRACK = 0x2F;

    private ScoreMidi() {
    }

    /** The file's bytes, titled as the track: "CloudMusic bass 124 BPM F#m". */
    public static byte[] write(Score score) {
        return write(score, "CloudMusic " + score.spec().type().wireName() + " " + score.bpm() + " BPM "
                + score.key().canonical());
    }

    /** The file's bytes, the conductor track named {@code title}. */
    public static byte[] write(Score score, String title) {
        Objects.requireNonNull(score, "score == null");
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, Score.TICKS_PER_BEAT);
            long end = score.lengthTicks();
            Track conductor = sequence.createTrack();
            conductor.add(meta(META_TRACK_NAME, text(title == null ? "CloudMusic" : title), 0));
            conductor.add(meta(META_TIME_SIGNATURE, new byte[] {4, 2, 24, 8}, 0)); // 4/4, 24 clocks, 8 32nds
            conductor.add(meta(META_TEMPO, tempo(score.bpm()), 0));
            conductor.add(meta(META_KEY_SIGNATURE, keySignature(score.key()), 0));
            conductor.add(meta(META_END_OF_TRACK, new byte[0], end));
            int nextChannel = 0;
            for (Part part : score.parts()) {
                int channel = part.drums() ? DRUM_CHANNEL : nextChannel++;
                if (nextChannel == DRUM_CHANNEL) {
                    nextChannel++;
                }
                Track track = sequence.createTrack();
                track.add(meta(META_TRACK_NAME, text(part.name()), 0));
                for (MidiEvent event : noteEvents(part, channel, end)) {
                    track.add(event);
                }
                track.add(meta(META_END_OF_TRACK, new byte[0], end));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            MidiSystem.write(sequence, 1, out);
            return out.toByteArray();
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("score cannot be written as MIDI: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Note-on and note-off events, a note cut at the loop end or at the next note of its pitch; at one tick
     * note-offs come first, so a note repeated back to back is not cut by its predecessor's release.
     */
    private static List<MidiEvent> noteEvents(Part part, int channel, long end) throws InvalidMidiDataException {
        record Timed(long tick, boolean on, MidiMessage message) {
        }
        List<Timed> timed = new ArrayList<>();
        List<Note> notes = part.notes();
        for (int n = 0; n < notes.size(); n++) {
            Note note = notes.get(n);
            if (note.start() >= end) {
                continue;
            }
            long off = Math.min(end, note.end());
            // A repeat of the same pitch ends this note where it starts: MIDI cannot hold the two at once.
            for (int later = n + 1; later < notes.size(); later++) {
                if (notes.get(later).pitch() == note.pitch() && notes.get(later).start() > note.start()) {
                    off = Math.min(off, notes.get(later).start());
                    break;
                }
            }
            timed.add(new Timed(note.start(), true,
                    new ShortMessage(ShortMessage.NOTE_ON, channel, note.pitch(), note.velocity())));
            timed.add(new Timed(off, false, new ShortMessage(ShortMessage.NOTE_OFF, channel, note.pitch(), 0)));
        }
        timed.sort(Comparator.comparingLong(Timed::tick).thenComparing(Timed::on));
        List<MidiEvent> events = new ArrayList<>(timed.size());
        for (Timed t : timed) {
            events.add(new MidiEvent(t.message(), t.tick()));
        }
        return events;
    }

    /** Microseconds per quarter note, rounded: at most a frame of drift over 16 bars at any allowed tempo. */
    static byte[] tempo(int bpm) {
        int micros = (int) Math.round(60_000_000.0 / bpm);
        return new byte[] {(byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
    }

    /** Sharps (positive) or flats (negative) and the mode, from the root as it is spelled. */
    static byte[] keySignature(MusicalKey key) {
        int fifths = switch (key.root().charAt(0)) {
            case 'F' -> -1;
            case 'C' -> 0;
            case 'G' -> 1;
            case 'D' -> 2;
            case 'A' -> 3;
            case 'E' -> 4;
            default -> 5; // B
        };
        if (key.root().endsWith("#")) {
            fifths += 7;
        } else if (key.root().endsWith("b")) {
            fifths -= 7;
        }
        if (key.minor()) {
            fifths -= 3; // a minor key has its relative major's signature, three fifths up
        }
        // Spellings past seven accidentals (D# major, Fb minor) take their enharmonic signature.
        if (fifths > 7) {
            fifths -= 12;
        } else if (fifths < -7) {
            fifths += 12;
        }
        return new byte[] {(byte) fifths, (byte) (key.minor() ? 1 : 0)};
    }

    private static MidiEvent meta(int type, byte[] data, long tick) throws InvalidMidiDataException {
        return new MidiEvent(new MetaMessage(type, data, data.length), tick);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
