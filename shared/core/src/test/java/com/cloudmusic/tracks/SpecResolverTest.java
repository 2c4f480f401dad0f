package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import org.junit.jupiter.api.Test;

class SpecResolverTest {

    @Test
    void guided_appliesDefaults_andKeepsTheGivenSeed() {
        LoopSpec spec = SpecResolver.resolve(GenerationRequestParser.parse(
                "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"seed\":7}}"), 99);

        assertThat(spec.bpm()).isEqualTo(120);
        assertThat(spec.bars()).isEqualTo(4); // 8 s at 120 BPM
        assertThat(spec.intensity()).isEqualTo(3);
        assertThat(spec.seed()).isEqualTo(7);
    }

    @Test
    void guided_withoutSeed_usesTheFreshOne() {
        LoopSpec spec = SpecResolver.resolve(GenerationRequestParser.parse("{\"mode\":\"guided\",\"params\":{\"type\":\"kick\"}}"), 99);

        assertThat(spec.seed()).isEqualTo(99);
    }

    @Test
    void guided_darkWithoutKey_picksAMinorKey() {
        for (long seed = 0; seed < 20; seed++) {
            LoopSpec spec = SpecResolver.resolve(GenerationRequestParser.parse(
                    "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"dark\":true}}"), seed);
            assertThat(spec.key()).endsWith("m");
        }
    }

    @Test
    void advanced_readsThePrompt_butExplicitParamsWin() {
        GenerationRequest request = GenerationRequestParser.parse(
                "{\"mode\":\"advanced\",\"prompt\":\"deep house bass, 122 BPM, 16 seconds, in A minor\",\"params\":{\"duration\":8}}");

        LoopSpec spec = SpecResolver.resolve(request, 1);

        assertThat(spec.bpm()).isEqualTo(122);
        assertThat(spec.key()).isEqualTo("Am");
        assertThat(spec.bars()).isEqualTo(LoopSpec.barsFor(122, 8));
        assertThat(spec.type()).isEqualTo(LoopType.BASS);
    }

    @Test
    void advanced_clampsAPromptTempoOutsideTheRange() {
        LoopSpec spec = SpecResolver.resolve(GenerationRequestParser.parse(
                "{\"mode\":\"advanced\",\"prompt\":\"gabber kick at 220 BPM\"}"), 1);

        assertThat(spec.bpm()).isEqualTo(180);
    }

    @Test
    void bars_areTheWholeNumberClosestToTheDuration_atLeastOne() {
        assertThat(LoopSpec.barsFor(120, 8)).isEqualTo(4);
        assertThat(LoopSpec.barsFor(70, 2)).isEqualTo(1);
        assertThat(LoopSpec.barsFor(174, 30)).isEqualTo(22);
        assertThat(LoopSpec.framesFor(120, 4)).isEqualTo(352_800);
    }
}
