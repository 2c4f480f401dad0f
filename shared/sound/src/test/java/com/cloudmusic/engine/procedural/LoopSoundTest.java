package com.cloudmusic.engine.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.engine.score.Score;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a producer hears, measured: variety between seeds, mono sum, clean low end, movement, the build. */
class LoopSoundTest {

    private final ProceduralEngine engine = new ProceduralEngine();

    static Stream<Arguments> typesAndMoods() {
        List<Arguments> cases = new ArrayList<>();
        for (LoopType type : LoopType.values()) {
            for (String mood : SoundCheck.MOODS) {
                cases.add(Arguments.of(type, mood));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndMoods")
    void fiveSeedsOfOneRequest_areFiveDifferentLoops(LoopType type, String mood) {
        assertThat(SoundCheck.similarity(engine, type, mood, 120)).isLessThanOrEqualTo(0.85);
    }

    @ParameterizedTest(name = "kick {0}")
    @ValueSource(strings = {"plain", "dark", "ambient", "energetic"})
    void fiveSeedsOfAKick_areFiveDifferentKicks_withMarginAtEveryTempo(String mood) {
        for (int bpm : new int[] {90, 120, 140, 174}) {
            assertThat(SoundCheck.similarity(engine, LoopType.KICK, mood, bpm)).as("%d BPM", bpm).isLessThanOrEqualTo(0.80);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndMoods")
    void summedToMono_aLoopLosesAtMost1point5Db(LoopType type, String mood) {
        for (int intensity : new int[] {1, 5}) {
            RenderedLoop loop = engine.render(new LoopSpec(Mode.GUIDED, type, 120, 4, "F#m", 11, intensity,
                    mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"), List.of(), ""), null);

            assertThat(Measure.monoLossDb(loop.left(), loop.right())).as("intensity %d", intensity).isLessThan(1.5);
        }
    }

    @ParameterizedTest(name = "bass {0}")
    @ValueSource(strings = {"plain", "dark", "ambient", "energetic"})
    void theBass_hasNoDcNorInfrasound_andAMonoSub(String mood) {
        for (List<String> words : List.of(List.<String>of(), List.of("trap", "808"), List.of("ambient", "dub", "reese"))) {
            RenderedLoop loop = engine.render(new LoopSpec(words.isEmpty() ? Mode.GUIDED : Mode.ADVANCED, LoopType.BASS,
                    120, 4, "Fm", 5, 4, mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"), words,
                    String.join(" ", words)), null);

            assertThat(Measure.dcDb(loop.left())).as("DC %s", words).isLessThan(-60);
            // Under 20 Hz: no more than the analysis window's own leakage from a 40 Hz fundamental.
            assertThat(Measure.db(Measure.bandShare(loop.left(), loop.right(), 0, 20))).as("infrasound %s", words)
                    .isLessThan(-36);
            assertThat(SoundCheck.subSideDb(loop)).as("side under 120 Hz %s", words).isLessThan(-20);
        }
    }

    @Test
    void an808_putsMostOfItsEnergyUnder60Hz() {
        RenderedLoop loop = engine.render(new LoopSpec(Mode.ADVANCED, LoopType.BASS, 140, 4, "Fm", 5, 3, false, false,
                false, List.of("trap", "808"), "trap 808 bass"), null);

        assertThat(Measure.bandShare(loop.left(), loop.right(), 0, 60)).isGreaterThan(0.5);
    }

    @ParameterizedTest(name = "texture {0}")
    @ValueSource(strings = {"plain", "dark", "ambient", "energetic"})
    void theTexture_moves_itsLevelChangingWithinEveryBar(String mood) {
        RenderedLoop loop = engine.render(SoundCheck.spec(LoopType.TEXTURE, mood, 120, 4, 3), null);

        // Level in 8th-note windows: a static pad varies by a fraction of a dB, a moving one by several.
        int window = (int) (LoopSpec.SAMPLE_RATE * 0.25);
        double min = Double.MAX_VALUE, max = 0;
        for (int at = LoopSpec.SAMPLE_RATE; at + window <= loop.frames(); at += window) {
            double e = Measure.energy(loop.left(), at, at + window);
            min = Math.min(min, e);
            max = Math.max(max, e);
        }
        assertThat(Measure.db(max / min)).isGreaterThan(2);
    }

    @Test
    void aDrone_holdsItsRoot() {
        Score score = engine.compose(new LoopSpec(Mode.ADVANCED, LoopType.TEXTURE, 90, 4, "D", 1, 3, false, true,
                false, List.of("ambient", "drone", "pad"), "ambient drone pad in D"));

        assertThat(score.chords().chords()).hasSize(1);
        assertThat(score.chords().chords().get(0).pitches()).allMatch(p -> Math.floorMod(p, 12) == 2 || Math.floorMod(p, 12) == 9);
    }

    @ParameterizedTest(name = "riser intensity {0}")
    @ValueSource(ints = {3, 4, 5})
    void theRiser_builds_withARollYouCanHear(int intensity) {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.RISER, 128, 4, "Am", 21, intensity, false, false, false,
                List.of(), "");
        Score score = engine.compose(spec);
        RenderedLoop loop = engine.render(score);
        int buildEnd = score.part("impact").map(p -> (int) Math.round(p.notes().get(0).start()
                * 60.0 * LoopSpec.SAMPLE_RATE / 128 / Score.TICKS_PER_BEAT)).orElse(loop.frames());

        // The build: its last quarter is far louder than its first.
        double first = Measure.energy(loop.left(), 0, buildEnd / 4);
        double last = Measure.energy(loop.left(), buildEnd * 3 / 4, buildEnd);
        assertThat(Measure.db(last / first)).isGreaterThan(10);
        // The roll: across the hits of its 8th-note stretch the level swings by 4 dB or more (1.6 dB before).
        var roll = score.part("roll").orElseThrow().notes();
        var eighths = roll.stream().filter(n -> n.length() == Score.TICKS_PER_BEAT / 2).toList();
        assertThat(eighths).isNotEmpty();
        double framesPerTick = 60.0 * LoopSpec.SAMPLE_RATE / 128 / Score.TICKS_PER_BEAT;
        int from = (int) Math.round(eighths.get(0).start() * framesPerTick);
        int to = (int) Math.round(eighths.get(eighths.size() - 1).end() * framesPerTick);
        int window = LoopSpec.SAMPLE_RATE / 200;
        double lo = Double.MAX_VALUE, hi = 0;
        for (int at = from; at + window <= to; at += window) {
            double e = Measure.energy(loop.left(), at, at + window);
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        assertThat(Measure.db(hi / lo)).isGreaterThan(4);
    }

    @ParameterizedTest(name = "riser {0}")
    @ValueSource(strings = {"plain", "dark", "ambient", "energetic"})
    void theRisersRoll_staysAudibleOverTheWash_toTheEnd_onEverySeed(String mood) {
        for (int intensity = 3; intensity <= 5; intensity++) {
            for (long seed = 1; seed <= 8; seed++) {
                LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.RISER, 128, 4, "Am", seed, intensity,
                        mood.equals("dark"), mood.equals("ambient"), mood.equals("energetic"), List.of(), "");

                // In the build's last quarter each hit stands out of what comes just before the next one
                // (0.3 dB when the wash masked the roll).
                assertThat(SoundCheck.rollDb(engine, spec)).as("intensity %d seed %d", intensity, seed).isGreaterThan(3);
            }
        }
    }

    @Test
    void theRiserWithAnImpact_landsItOnTheDownbeatOfTheLastBar() {
        Score score = engine.compose(new LoopSpec(Mode.ADVANCED, LoopType.RISER, 128, 4, "Am", 21, 3, false, false,
                false, List.of("impact"), "riser with impact"));

        assertThat(score.part("impact").orElseThrow().notes().get(0).start()).isEqualTo(3 * Score.TICKS_PER_BAR);
        assertThat(score.part("riser").orElseThrow().notes()).allMatch(n -> n.end() <= 3 * Score.TICKS_PER_BAR);
    }
}
