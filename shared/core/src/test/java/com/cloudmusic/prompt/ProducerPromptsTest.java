package com.cloudmusic.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prompts in producers' words, and what each must yield: tempo, key as written, loop type, a style word. */
class ProducerPromptsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "uplifting trance riser 138                        | 138 | -    | riser   | trance",
            "drum and bass kick pattern 174                    | 174 | -    | kick    | dnb",
            "deep house bassline in F minor                    | 122 | Fm   | bass    | deep",
            "techno rumble kick                                | 130 | -    | kick    | rumble",
            "dusty lo-fi piano chords, vinyl crackle           | 80  | -    | -       | crackle",
            "ambient drone pad in D                            | 80  | D    | texture | drone",
            "trap 808 bass in Bb minor                         | 140 | Bbm  | bass    | 808",
            "dark dubstep bass 140, Ebm                        | 140 | Ebm  | bass    | dubstep",
            "house organ stabs 124                             | 124 | -    | -       | stabs",
            "uk drill 808 slides, C# minor                     | 142 | C#m  | bass    | drill",
            "boom bap hip hop kick 92                          | 92  | -    | kick    | boom-bap",
            "90s hip hop drums                                 | 90  | -    | kick    | hiphop",
            "synthwave pad, 100 bpm, in A minor                | 100 | Am   | texture | synthwave",
            "reese bass 172, F#m                               | 172 | F#m  | bass    | reese",
            "acid techno bassline 132bpm                       | 132 | -    | bass    | acid",
            "liquid dnb pads in Db major                       | 174 | Db   | texture | liquid",
            "cinematic riser with impact, 8 seconds            | -   | -    | riser   | impact",
            "euphoric trance pluck arp in G, 138 BPM           | 138 | G    | -       | pluck",
            "minimal techno kick 126                           | 126 | -    | kick    | minimal",
            "jungle breaks 170                                 | 170 | -    | -       | jungle",
            "chill lofi bells 75                               | 75  | -    | -       | bells",
            "dark ambient texture Gm                           | 80  | Gm   | texture | dark",
            "psytrance bassline 145 in E minor                 | 145 | Em   | bass    | psytrance",
            "afro house percussion 122                         | 122 | -    | kick    | afro",
            "amapiano bassline                                 | 113 | -    | bass    | amapiano",
            "phonk 808 with cowbell, 150                       | 150 | -    | bass    | phonk",
            "garage bass 2-step 132                            | 132 | -    | bass    | garage",
            "reggaeton bass in Ab                              | 95  | Ab   | bass    | reggaeton",
            "hardstyle kick 150                                | 150 | -    | kick    | hardstyle",
            "disco strings loop, key of Eb major               | 118 | Eb   | -       | strings",
            "warm rhodes chords 85 bpm in Bbm                  | 85  | Bbm  | -       | rhodes",
            "neurofunk reese bass in A#m                       | 174 | A#m  | bass    | neurofunk",
            "sub bass 808 in F, 16 seconds                     | 140 | F    | bass    | 808",
            "ethereal pad 30 seconds in C                      | -   | C    | texture | ethereal",
            "techno kick 4 bars                                | 130 | -    | kick    | techno",
            "white noise sweep uplifter 128                    | 128 | -    | riser   | -",
            "dub techno chord stabs 118 in Cm                  | 118 | Cm   | -       | dub",
            "melodic house pluck 122, Bb                       | 122 | Bb   | -       | pluck",
            "halftime dnb drums 87                             | 87  | -    | kick    | halftime",
            "electro bassline 125 in D minor                   | 125 | Dm   | bass    | electro",
            "trap hi-hat roll build-up 145                     | 145 | -    | riser   | trap",
            "gospel organ 808 trap beat in Gb                  | 140 | Gb   | kick    | organ"})
    void read_yieldsWhatAProducerMeant(String prompt, Integer bpm, String key, String type, String word) {
        PromptReader.Reading r = PromptReader.read(prompt);

        assertThat(r.bpm().orElse(null)).as("tempo").isEqualTo(bpm);
        assertThat(r.key().map(k -> k.canonical()).orElse(null)).as("key").isEqualTo(key);
        assertThat(r.type().map(t -> t.wireName()).orElse(null)).as("type").isEqualTo(type);
        if (word != null) {
            assertThat(r.styleWords()).as("style words").contains(word);
        }
    }
}
