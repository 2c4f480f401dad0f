package com.cloudmusic.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicalKey;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MIDI of a score, read back with the JDK's javax.sound.midi and compared with the score. */
class ScoreMidiTest {

    /** A note as read back: where it starts and ends, its pitch, velocity and channel. */
    record Heard(long start, long end, int pitch, int velocity, int channel) {
    }

    private static Score score() {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.BASS, 124, 2, "F#m", 7, 3, false, false, false, List.of(), "");
        Chord chord = new Chord(0, 2 * Score.TICKS_PER_BAR, 0, List.of(54, 57, 61));
        Part bass = new Part("bass", false, List.of(
                new Note(0, 240, 42, 110), new Note(240, 240, 42, 90), new Note(960, 480, 45, 100, true),
                new Note(3600, 600, 42, 127))); // the last note rings past the loop end: cut at the bar line
        Part pad = new Part("pad", false, List.of(
                new Note(0, 1920, 54, 70), new Note(0, 1920, 57, 70), new Note(0, 1920, 61, 70)));
        Part kick = new Part("kick", true, List.of(
                new Note(0, 120, Part.GM_KICK, 120), new Note(480, 120, Part.GM_KICK, 100)));
        return new Score(spec, MusicalKey.parse("F#m"), new Groove(Groove.Feel.FOUR_ON_THE_FLOOR, 0),
                new ChordPlan(List.of(chord)), List.of(bass, pad, kick));
    }

    private static Sequence read(byte[] midi) throws Exception {
        return MidiSystem.getSequence(new ByteArrayInputStream(midi));
    }

    private static List<Heard> notes(Track track) {
        List<Heard> heard = new ArrayList<>();
        Map<Integer, MidiEvent> sounding = new HashMap<>();
        for (int i = 0; i < track.size(); i++) {
            MidiEvent event = track.get(i);
            if (event.getMessage() instanceof ShortMessage m
                    && (m.getCommand() == ShortMessage.NOTE_ON || m.getCommand() == ShortMessage.NOTE_OFF)) {
                int id = m.getChannel() * 128 + m.getData1();
                if (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                    sounding.put(id, event);
                } else {
                    MidiEvent on = sounding.remove(id);
                    ShortMessage onMessage = (ShortMessage) on.getMessage();
                    heard.add(new Heard(on.getTick(), event.getTick(), m.getData1(), onMessage.getData2(), m.getChannel()));
                }
            }
        }
        return heard;
    }

    private static List<Heard> expected(Part part, int channel, int end) {
        return part.notes().stream()
                .map(n -> new Heard(n.start(), Math.min(end, n.end()), n.pitch(), n.velocity(), channel))
                .toList();
    }

    @Test
    void midi_endsANote_whereTheNextNoteOfItsPitchStarts() throws Exception {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.KICK, 124, 1, "C", 1, 3, false, false, false, List.of(), "");
        Part kick = new Part("kick", true, List.of(new Note(0, 600, Part.GM_KICK, 120), new Note(480, 600, Part.GM_KICK, 90)));
        Score score = new Score(spec, MusicalKey.parse("C"), new Groove(Groove.Feel.FOUR_ON_THE_FLOOR, 0),
                new ChordPlan(List.of(new Chord(0, Score.TICKS_PER_BAR, 0, List.of(60)))), List.of(kick));

        List<Heard> heard = notes(read(ScoreMidi.write(score)).getTracks()[1]);

        assertThat(heard).containsExactly(new Heard(0, 480, 36, 120, 9), new Heard(480, 1080, 36, 90, 9));
    }

    private static String trackName(Track track) {
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x03) {
                return new String(m.getData(), java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static byte[] meta(Track track, int type) {
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == type) {
                return m.getData();
            }
        }
        return null;
    }

    @Test
    void midi_isType1At480Ppq_withTheTempoMeterAndKeyOfTheScore() throws Exception {
        byte[] midi = ScoreMidi.write(score(), "CloudMusic bass 124 BPM F#m");

        Sequence sequence = read(midi);

        assertThat(MidiSystem.getMidiFileFormat(new ByteArrayInputStream(midi)).getType()).isEqualTo(1);
        assertThat(sequence.getDivisionType()).isEqualTo(Sequence.PPQ);
        assertThat(sequence.getResolution()).isEqualTo(480);
        Track conductor = sequence.getTracks()[0];
        byte[] tempo = meta(conductor, 0x51);
        int micros = (tempo[0] & 0xFF) << 16 | (tempo[1] & 0xFF) << 8 | tempo[2] & 0xFF;
        assertThat(micros).isEqualTo(483_871); // 60,000,000 / 124, rounded
        assertThat(meta(conductor, 0x58)).containsExactly(4, 2, 24, 8);
        assertThat(meta(conductor, 0x59)).containsExactly(3, 1); // F# minor: three sharps, minor
    }

    @Test
    void midi_hasOneNamedTrackPerPart_withTheScoresNotesAndVelocities_drumsOnChannel10() throws Exception {
        Score score = score();

        Sequence sequence = read(ScoreMidi.write(score, "t"));

        Track[] tracks = sequence.getTracks();
        assertThat(tracks).hasSize(4);
        assertThat(trackName(tracks[1])).isEqualTo("bass");
        assertThat(trackName(tracks[2])).isEqualTo("pad");
        assertThat(trackName(tracks[3])).isEqualTo("kick");
        int end = score.lengthTicks();
        assertThat(notes(tracks[1])).containsExactlyInAnyOrderElementsOf(expected(score.parts().get(0), 0, end));
        assertThat(notes(tracks[2])).containsExactlyInAnyOrderElementsOf(expected(score.parts().get(1), 1, end));
        assertThat(notes(tracks[3])).containsExactlyInAnyOrderElementsOf(expected(score.parts().get(2), 9, end));
    }

    @Test
    void midi_endsEveryTrackAtTheLastBarLine_soADawLoopsItAtTheWavsLength() throws Exception {
        Score score = score();

        Sequence sequence = read(ScoreMidi.write(score, "t"));

        for (Track track : sequence.getTracks()) {
            assertThat(track.ticks()).isEqualTo(score.lengthTicks());
        }
        // At the score's tempo the last bar line falls on the WAV's last frame boundary.
        double seconds = sequence.getMicrosecondLength() / 1e6;
        assertThat(Math.abs(seconds * LoopSpec.SAMPLE_RATE - LoopSpec.framesFor(124, 2))).isLessThan(1.0);
    }

    @ParameterizedTest(name = "{0} BPM")
    @CsvSource({"97", "124", "174"})
    void midi_linesUpWithTheEnginesWav_atTheLoopsTempo(int bpm) throws Exception {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.KICK, bpm, 2, "F#m", 7, 3, false, false, false, List.of(), "");
        com.cloudmusic.loop.RenderedLoop loop = new com.cloudmusic.engine.procedural.ProceduralEngine()
                .render(spec, com.cloudmusic.loop.EngineContext.detached("align"));

        Sequence sequence = read(loop.midiFile().orElseThrow());

        byte[] tempo = meta(sequence.getTracks()[0], 0x51);
        double microsPerTick = ((tempo[0] & 0xFF) << 16 | (tempo[1] & 0xFF) << 8 | tempo[2] & 0xFF)
                / (double) sequence.getResolution();
        float[] audio = loop.left();
        int checked = 0;
        for (Heard kick : notes(sequence.getTracks()[1])) {
            int at = (int) Math.round(kick.start() * microsPerTick * LoopSpec.SAMPLE_RATE / 1e6);
            int window = LoopSpec.SAMPLE_RATE / 20;
            float peak = 0;
            for (int i = at; i < Math.min(audio.length, at + window); i++) {
                peak = Math.max(peak, Math.abs(audio[i]));
            }
            float before = 0;
            for (int i = Math.max(0, at - window); i < at; i++) {
                before = Math.max(before, Math.abs(audio[i]));
            }
            if (before > 0.3f * peak) {
                continue; // the previous hit still rings as loud: no clean onset to time
            }
            int onset = Math.max(0, at - window);
            while (Math.abs(audio[onset]) <= 0.3f * peak) {
                onset++;
            }
            // The hit's attack starts on the note's sample and reaches 30 % of its peak within half a millisecond.
            assertThat(onset - at).as("kick at tick %d", kick.start()).isBetween(0, 24);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"C, 0, 0", "Am, 0, 1", "F#m, 3, 1", "Bbm, -5, 1", "Eb, -3, 0", "D#m, 6, 1", "Db, -5, 0",
            "C#, 7, 0", "Gb, -6, 0", "D#, -3, 0", "Abm, -7, 1"})
    void keySignature_countsTheAccidentalsOfTheKeyAsSpelled(String key, int fifths, int minor) {
        assertThat(ScoreMidi.keySignature(MusicalKey.parse(key))).containsExactly(fifths, minor);
    }
}
