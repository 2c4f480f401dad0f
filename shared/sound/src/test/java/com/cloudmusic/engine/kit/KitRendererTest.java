package com.cloudmusic.engine.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KitRendererTest {

    private static final LoopSpec SPEC = new LoopSpec(Mode.GUIDED, LoopType.RISER, 124, 4, "F#m", 42, 3, false, false,
            false, List.of(), "kit, 124 BPM, key F#m");
    private static KitRenderer.ScoredKit kit;

    @BeforeAll
    static void renderKit() {
        kit = new KitRenderer(new ProceduralEngine()).renderScored(SPEC);
    }

    private static float[][] wav(RenderedLoop loop) {
        return WavFile.parse(WavWriter.write(loop, new WavWriter.Info("t", null))).samples();
    }

    @Test
    void stems_sumToTheMix_withinTheRoundingOf16BitFiles() {
        float[][] mix = wav(kit.mix());
        float[][] sum = new float[2][mix[0].length];
        for (KitRenderer.Stem stem : kit.stems()) {
            float[][] part = wav(stem.loop());
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < part[c].length; i++) {
                    sum[c][i] += part[c][i];
                }
            }
        }

        double worst = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < sum[c].length; i++) {
                worst = Math.max(worst, Math.abs(sum[c][i] - mix[c][i]));
            }
        }
        // Five files each rounded by at most half a step: never more than 2.5 steps of 1/32768 apart.
        assertThat(worst * 32768).isLessThanOrEqualTo(2.5);
        assertThat(Loudness.samplePeak(mix[0], mix[1])).as("the mix is not silence").isGreaterThan(0.1);
    }

    @Test
    void stems_areComposedTogether_oneKeyTempoBarCountGrooveAndChordPlan() {
        assertThat(kit.stems()).extracting(KitRenderer.Stem::part).containsExactlyElementsOf(KitPart.STEMS);
        Score first = kit.stems().get(0).score();
        for (KitRenderer.Stem stem : kit.stems()) {
            assertThat(stem.score().key()).isEqualTo(first.key());
            assertThat(stem.score().bpm()).isEqualTo(124);
            assertThat(stem.score().bars()).isEqualTo(4);
            assertThat(stem.score().groove()).isEqualTo(first.groove());
            assertThat(stem.score().chords()).isEqualTo(first.chords());
            assertThat(stem.loop().frames()).isEqualTo(LoopSpec.framesFor(124, 4));
            assertThat(stem.loop().midiFile()).isPresent();
        }
    }

    @Test
    void everyStemIsAudible_inTheMix() {
        for (KitRenderer.Stem stem : kit.stems()) {
            RenderedLoop loop = stem.loop();
            assertThat(Loudness.integratedLufs(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE))
                    .as(stem.part().wireName()).isGreaterThan(-40);
        }
    }

    @Test
    void kickAndBass_interlock_theBassMeetsTheKickOnlyOnEachBarsDownbeat() {
        for (long seed : new long[] {42, 7, 1234, 99}) {
            for (int bpm : new int[] {124, 140, 174}) {
                LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.RISER, bpm, 4, "Am", seed, 4, false, false, true,
                        List.of(), "kit");
                KitRenderer.ScoredKit other = new KitRenderer(new ProceduralEngine()).renderScored(spec);
                List<Integer> hits = notes(other, KitPart.KICK).stream()
                        .filter(n -> n.velocity() >= KitRenderer.MAIN_KICK_VELOCITY).map(Note::start).toList();
                List<Note> bass = notes(other, KitPart.BASS);

                assertThat(bass).as("seed %d at %d BPM", seed, bpm).isNotEmpty();
                assertThat(bass).as("seed %d at %d BPM", seed, bpm)
                        .noneMatch(n -> hits.contains(n.start()) && n.start() % Score.TICKS_PER_BAR != 0);
                for (int i = 1; i < bass.size(); i++) {
                    assertThat(bass.get(i - 1).end()).isLessThanOrEqualTo(bass.get(i).start());
                }
            }
        }
    }

    @Test
    void interlock_movesABassNoteOnAKickHitAnEighthLater() {
        Score kick = scoreOf(new Part("kick", true, List.of(new Note(0, 60, 36, 127), new Note(960, 60, 36, 120))));
        Score bass = scoreOf(new Part("bass", false, List.of(new Note(0, 400, 40, 127), new Note(960, 400, 43, 127))));

        List<Note> notes = KitRenderer.interlock(bass, kick).parts().get(0).notes();

        assertThat(notes).containsExactly(new Note(0, 400, 40, 127), new Note(1200, 160, 43, 127));
    }

    private static Score scoreOf(Part part) {
        Score any = kit.stems().get(0).score();
        return new Score(any.spec(), any.key(), any.groove(), any.chords(), List.of(part));
    }

    private static List<Note> notes(KitRenderer.ScoredKit kit, KitPart part) {
        return kit.stems().stream().filter(s -> s.part() == part).findFirst().orElseThrow()
                .score().parts().stream().flatMap(p -> p.notes().stream()).toList();
    }

    @Test
    void mix_staysUnderTheLoudnessTargetAndTheTruePeakCeiling_withoutALimiter() {
        RenderedLoop mix = kit.mix();

        assertThat(kit.mixLufs()).isLessThanOrEqualTo(Loudness.TARGET_LUFS + 0.1).isGreaterThan(Loudness.TARGET_LUFS - 6);
        assertThat(Loudness.toDb(Loudness.truePeak(mix.left(), mix.right()))).isLessThanOrEqualTo(Loudness.CEILING_DBTP);
        assertThat(mix.midiFile()).isPresent();
    }

    @Test
    void render_handsOverEveryPartAndTheMix_forTheOneRenderAndStorePath() {
        RenderedKit rendered = kit.rendered();

        assertThat(rendered.parts().keySet()).containsExactly(KitPart.values());
        assertThat(rendered.mix()).isSameAs(kit.mix());
    }
}
