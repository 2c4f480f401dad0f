package com.cloudmusic.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.MusicalKey;
import org.junit.jupiter.api.Test;

class PromptReaderTest {

    @Test
    void read_findsBpmDurationAndStyle_inLatinPopPrompt() {
        PromptReader.Reading r = PromptReader.read("Latin acoustic pop loop, 114 BPM, 14 seconds");
        assertThat(r.bpm()).contains(114);
        assertThat(r.durationSeconds()).contains(14.0);
        assertThat(r.styleWords()).containsExactly("latin", "acoustic", "pop");
    }

    @Test
    void read_findsCompactBpmAndSeconds() {
        PromptReader.Reading r = PromptReader.read("dark techno kick 132bpm 14s");
        assertThat(r.bpm()).contains(132);
        assertThat(r.durationSeconds()).contains(14.0);
        assertThat(r.type()).contains(LoopType.KICK);
        assertThat(r.styleWords()).contains("dark", "techno");
    }

    @Test
    void read_findsDurationWithLabel_andKeyInWords() {
        PromptReader.Reading r = PromptReader.read("deep house bassline in F minor, duration: 14");
        assertThat(r.durationSeconds()).contains(14.0);
        assertThat(r.key()).contains(new MusicalKey(5, true));
        assertThat(r.type()).contains(LoopType.BASS);
    }

    @Test
    void read_findsShortMinorKey() {
        assertThat(PromptReader.read("rolling dnb bass, Fm, 174 BPM").key()).contains(new MusicalKey(5, true));
    }

    @Test
    void read_findsSharpKeyWithoutMode_asMajor() {
        assertThat(PromptReader.read("bright pluck arp in C# 128 bpm").key()).contains(new MusicalKey(1, false));
        assertThat(PromptReader.read("pluck arp, key C#, 128 bpm").key()).contains(new MusicalKey(1, false));
    }

    @Test
    void read_findsSpelledOutKey_withoutIn() {
        assertThat(PromptReader.read("cinematic strings, Bb major, slow build").key()).contains(MusicalKey.parse("Bb"));
        assertThat(PromptReader.read("moody pad F# minor").key()).contains(new MusicalKey(6, true));
    }

    @Test
    void read_foldsDrumAndBass_toDnb() {
        PromptReader.Reading r = PromptReader.read("Liquid drum and bass pad, 172 BPM, 20 seconds");
        assertThat(r.styleWords()).contains("liquid", "dnb", "pad");
        assertThat(r.bpm()).contains(172);
        assertThat(r.durationSeconds()).contains(20.0);
    }

    @Test
    void read_doesNotTakeDecadesOr808sForDurations() {
        PromptReader.Reading r = PromptReader.read("90s hip hop beat with 808s, 90 BPM, 12 seconds");
        assertThat(r.durationSeconds()).contains(12.0);
        assertThat(r.bpm()).contains(90);
        assertThat(r.styleWords()).contains("hiphop", "808");
    }

    @Test
    void read_findsLofiPianoStyle_withTempoLabel() {
        PromptReader.Reading r = PromptReader.read("lo-fi chill piano chords, warm vinyl feel, tempo: 84");
        assertThat(r.bpm()).contains(84);
        assertThat(r.styleWords()).contains("lo-fi", "chill", "piano", "warm", "vinyl");
        assertThat(r.durationSeconds()).isEmpty();
    }

    @Test
    void read_findsTrapRiserType() {
        PromptReader.Reading r = PromptReader.read("Energetic trap riser build-up, 140 BPM, 8s");
        assertThat(r.type()).contains(LoopType.RISER);
        assertThat(r.styleWords()).contains("energetic", "trap");
        assertThat(r.durationSeconds()).contains(8.0);
    }

    @Test
    void read_findsAmbientTexture_withDecimalSeconds() {
        PromptReader.Reading r = PromptReader.read("ethereal ambient texture with bells, 7.5 sec, in A minor");
        assertThat(r.type()).contains(LoopType.TEXTURE);
        assertThat(r.durationSeconds()).contains(7.5);
        assertThat(r.key()).contains(new MusicalKey(9, true));
        assertThat(r.styleWords()).contains("ethereal", "ambient", "bells");
    }

    @Test
    void read_returnsNothing_forPromptWithoutFacts() {
        PromptReader.Reading r = PromptReader.read("something nice for my video");
        assertThat(r.bpm()).isEmpty();
        assertThat(r.durationSeconds()).isEmpty();
        assertThat(r.key()).isEmpty();
        assertThat(r.styleWords()).isEmpty();
    }

    @Test
    void read_acceptsHyphenatedBpm_andFlatKeyWords() {
        PromptReader.Reading r = PromptReader.read("UK garage organ stabs 132-bpm in E flat minor, 16 seconds");
        assertThat(r.bpm()).contains(132);
        assertThat(r.key()).contains(MusicalKey.parse("Ebm"));
        assertThat(r.key().orElseThrow().canonical()).isEqualTo("Ebm");
        assertThat(r.styleWords()).contains("garage", "organ");
    }
}
