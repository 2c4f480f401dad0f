package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.engine.score.Chord;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScoreCompositionTest {

    private final ProceduralEngine engine = new ProceduralEngine();

    private static LoopSpec spec(LoopType type, int bpm, int bars, String key, long seed, List<String> words) {
        return new LoopSpec(words.isEmpty() ? Mode.GUIDED : Mode.ADVANCED, type, bpm, bars, key, seed, 3, false,
                false, false, words, String.join(" ", words));
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void compose_writesNotesInsideTheLoop_withTheKeyTempoAndBarsOfTheSpec(LoopType type) {
        LoopSpec spec = spec(type, 126, 4, "Bbm", 17, List.of());

        Score score = engine.compose(spec);

        assertThat(score.bpm()).isEqualTo(126);
        assertThat(score.bars()).isEqualTo(4);
        assertThat(score.key().canonical()).isEqualTo("Bbm");
        assertThat(score.lengthTicks()).isEqualTo(4 * 4 * Score.TICKS_PER_BEAT);
        assertThat(score.parts()).isNotEmpty();
        for (Part part : score.parts()) {
            assertThat(part.notes()).as(part.name()).isNotEmpty();
            assertThat(part.notes()).allSatisfy(n -> assertThat(n.start()).isBetween(0, score.lengthTicks() - 1));
        }
        int tick = 0;
        for (Chord chord : score.chords().chords()) {
            assertThat(chord.start()).isEqualTo(tick);
            tick = chord.end();
        }
        assertThat(tick).isEqualTo(score.lengthTicks());
    }

    @ParameterizedTest
    @EnumSource(value = LoopType.class, names = {"BASS", "TEXTURE"})
    void compose_keepsEveryPitchedNoteInTheKeysScale(LoopType type) {
        Set<Integer> bbMinor = Set.of(10, 0, 1, 3, 5, 6, 8);
        for (long seed = 1; seed <= 20; seed++) {
            Score score = engine.compose(spec(type, 120, 8, "Bbm", seed, List.of()));
            for (Part part : score.parts()) {
                assertThat(part.notes()).extracting(n -> Math.floorMod(n.pitch(), 12)).allMatch(bbMinor::contains);
            }
        }
    }

    @Test
    void compose_sharesGrooveAndChordPlanAcrossTheVoicesOfAKit() {
        Score bass = engine.compose(spec(LoopType.BASS, 124, 4, "Fm", 99, List.of()));
        Score texture = engine.compose(spec(LoopType.TEXTURE, 124, 4, "Fm", 99, List.of()));
        Score kick = engine.compose(spec(LoopType.KICK, 124, 4, "Fm", 99, List.of()));

        assertThat(texture.chords()).isEqualTo(bass.chords());
        assertThat(kick.chords()).isEqualTo(bass.chords());
        assertThat(kick.groove()).isEqualTo(bass.groove());
        // The bass plays the chord under it: every downbeat of a chord is that chord's root.
        for (Chord chord : bass.chords().chords()) {
            Note first = bass.part("bass").orElseThrow().notes().stream()
                    .filter(n -> n.start() == chord.start()).findFirst().orElseThrow();
            int[] fMinor = {0, 2, 3, 5, 7, 8, 10};
            assertThat(Math.floorMod(first.pitch(), 12)).isEqualTo((5 + fMinor[chord.degree() % 7]) % 12);
        }
    }

    @Test
    void compose_overAGivenChordPlan_usesItInsteadOfItsOwn() {
        Score texture = engine.compose(spec(LoopType.TEXTURE, 110, 2, "C", 1, List.of()));
        LoopSpec bassSpec = spec(LoopType.BASS, 110, 2, "C", 2, List.of());

        Score bass = engine.compose(bassSpec, texture.groove(), texture.chords());

        assertThat(bass.chords()).isEqualTo(texture.chords());
    }

    @ParameterizedTest
    @EnumSource(LoopType.class)
    void render_ofTheComposedScore_isTheEnginesLoop(LoopType type) {
        LoopSpec spec = spec(type, 100, 2, "D", 5, List.of());

        RenderedLoop fromScore = engine.render(engine.compose(spec));
        RenderedLoop direct = engine.render(spec, EngineContext.detached("t"));

        assertThat(fromScore.left()).isEqualTo(direct.left());
        assertThat(fromScore.right()).isEqualTo(direct.right());
    }

    @Test
    void compose_putsKickHitsOnTheSixteenthGrid_andDrumsOnTheGeneralMidiKick() {
        Score score = engine.compose(spec(LoopType.KICK, 128, 4, "Am", 3, List.of("techno")));

        Part kick = score.part("kick").orElseThrow();
        assertThat(kick.drums()).isTrue();
        assertThat(kick.notes()).allSatisfy(n -> {
            assertThat(n.start() % Score.TICKS_PER_STEP).isZero();
            assertThat(n.pitch()).isEqualTo(Part.GM_KICK);
        });
        // Four on the floor: every beat has a kick.
        for (int beat = 0; beat < 16; beat++) {
            int tick = beat * Score.TICKS_PER_BEAT;
            assertThat(kick.notes()).anyMatch(n -> n.start() == tick);
        }
    }
}
