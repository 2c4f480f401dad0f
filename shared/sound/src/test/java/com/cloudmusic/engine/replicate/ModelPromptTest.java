package com.cloudmusic.engine.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.prompt.PromptReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text prompt the models get: a producer's sound words reach them in the words they know. */
class ModelPromptTest {

    /** prompt | the model's prompt must contain each of these (after the user's own words). */
    private static final String[][] SOUND_WORDS = {
            {"dusty lofi piano chords with rumble, 80 BPM", "dusty vinyl crackle", "deep sub rumble"},
            {"vinyl crackle keys 84", "dusty vinyl crackle"},
            {"deep house stabs in Bbm", "short chord stabs", "house", "122 BPM"},
            {"pluck melody 128", "plucked synth notes"},
            {"ambient drone pad in D", "sustained drone holding the root", "80 BPM"},
            {"trap 808 bass", "808 sub bass with long glides", "trap, half-time groove", "140 BPM"},
            {"bells over strings, 100 bpm", "bell tones"},
            {"reese bass 172 in G minor", "detuned reese bass"},
            {"acid techno line 135", "acid 303 squelch line", "techno"},
            {"drum and bass kick pattern", "drum and bass", "174 BPM"},
            {"uk garage sub", "UK garage, two-step groove", "132 BPM"},
    };

    @Test
    void advancedPrompt_describesEverySoundWord_andTheTempoAGenreImplies() {
        for (String[] row : SOUND_WORDS) {
            String prompt = ModelFamily.prompt(advanced(row[0]));

            assertThat(prompt).as(row[0]).startsWith(row[0]);
            for (int i = 1; i < row.length; i++) {
                assertThat(prompt).as(row[0]).contains(row[i]);
            }
            assertThat(prompt).as(row[0]).contains("loop");
        }
    }

    @Test
    void advancedPrompt_addsNothing_whenTheWordsAlreadySayIt() {
        String own = "Latin acoustic pop loop, 114 BPM, 14 seconds";

        assertThat(ModelFamily.prompt(advanced(own))).isEqualTo(own);
    }

    @Test
    void advancedPrompt_statesTheTempoOnce_whenThePromptGivesItAsABareNumber() {
        String prompt = ModelFamily.prompt(advanced("uplifting trance riser 138"));

        assertThat(prompt).startsWith("uplifting trance riser 138").doesNotContain("138 BPM").contains("trance");
    }

    /** The spec the request service would make of an advanced prompt (tempo and words as read). */
    private static LoopSpec advanced(String prompt) {
        PromptReader.Reading reading = PromptReader.read(prompt);
        int bpm = reading.bpm().orElse(120);
        LoopType type = reading.type().orElse(LoopType.TEXTURE);
        return new LoopSpec(Mode.ADVANCED, type, bpm, LoopSpec.barsFor(type, bpm, 8), "Am", 1, 3, false, false,
                false, reading.styleWords(), prompt);
    }
}
