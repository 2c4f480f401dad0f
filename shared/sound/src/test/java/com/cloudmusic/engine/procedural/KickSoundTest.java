package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KickSoundTest {

    private final ProceduralEngine engine = new ProceduralEngine();

    static Stream<Arguments> tempiAndMoods() {
        List<Arguments> cases = new ArrayList<>();
        for (int bpm : new int[] {70, 90, 124, 140, 174, 180}) {
            for (String mood : SoundCheck.MOODS) {
                for (int intensity : new int[] {1, 5}) {
                    cases.add(Arguments.of(bpm, mood, intensity));
                }
            }
        }
        return cases.stream();
    }

    private Score score(int bpm, String mood, int intensity, long seed) {
        return engine.compose(new LoopSpec(Mode.GUIDED, LoopType.KICK, bpm, 4, "F#m", seed, intensity,
                mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"), List.of(), ""));
    }

    @ParameterizedTest(name = "{0} BPM {1} intensity {2}")
    @MethodSource("tempiAndMoods")
    void everyHitsTail_isDown24Db_beforeTheNextHit(int bpm, String mood, int intensity) {
        for (long seed = 1; seed <= 2; seed++) {
            Score score = score(bpm, mood, intensity, seed);
            RenderedLoop loop = engine.render(score);

            assertThat(SoundCheck.worstTailDb(loop, score)).as("seed %d", seed).isLessThan(-24);
        }
    }

    @ParameterizedTest(name = "{0} BPM {1} intensity {2}")
    @MethodSource("tempiAndMoods")
    void theClickAbove2kHz_isWithin28DbOfTheBody(int bpm, String mood, int intensity) {
        Score score = score(bpm, mood, intensity, 7);
        RenderedLoop loop = engine.render(score);

        assertThat(SoundCheck.clickDb(loop, score)).isGreaterThan(-28);
    }

    @ParameterizedTest(name = "{0} at {1} BPM: {2}")
    @CsvSource({
            "'', 124, FOUR_ON_THE_FLOOR", "'', 174, BROKEN", "'', 90, HIP_HOP", "techno, 90, FOUR_ON_THE_FLOOR",
            "dnb, 174, BROKEN", "trap, 140, TRAP", "dubstep, 140, HALF_TIME", "hiphop, 90, HIP_HOP",
            "house, 174, FOUR_ON_THE_FLOOR"})
    void thePatternFollowsTheGenre_orTheTempoWhenNoneIsNamed(String word, int bpm, Groove.Feel feel) {
        List<String> words = word.isEmpty() ? List.of() : List.of(word);
        Score score = engine.compose(new LoopSpec(word.isEmpty() ? Mode.GUIDED : Mode.ADVANCED, LoopType.KICK, bpm, 4,
                "Am", 3, 3, false, false, false, words, word));

        assertThat(score.groove().feel()).isEqualTo(feel);
        boolean kickOnEveryBeat = java.util.stream.IntStream.range(0, 16).allMatch(beat -> score.part("kick")
                .orElseThrow().notes().stream().anyMatch(n -> n.start() == beat * Score.TICKS_PER_BEAT));
        assertThat(kickOnEveryBeat).isEqualTo(feel == Groove.Feel.FOUR_ON_THE_FLOOR);
    }
}
