package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(spec.bars()).isEqualTo(4); // 8 s at 122 BPM: 4 bars (7.9 s)
        assertThat(spec.type()).isEqualTo(LoopType.BASS);
    }

    @Test
    void advanced_clampsAPromptTempoOutsideTheRange() {
        LoopSpec spec = SpecResolver.resolve(GenerationRequestParser.parse(
                "{\"mode\":\"advanced\",\"prompt\":\"gabber kick at 220 BPM\"}"), 1);

        assertThat(spec.bpm()).isEqualTo(180);
    }

    @ParameterizedTest(name = "{0} at {1} BPM for {2} s: {3} bars")
    @CsvSource({
            "bass, 120, 8, 4", "bass, 100, 8, 4", "bass, 90, 8, 4", "bass, 140, 8, 4", "bass, 174, 8, 8",
            "bass, 82, 8, 2", "bass, 120, 2, 1", "bass, 70, 2, 1", "bass, 120, 30, 8", "bass, 70, 30, 8",
            "bass, 180, 30, 16", "bass, 174, 30, 16", "bass, 160, 30, 16", "bass, 128, 30, 16", "bass, 127, 30, 8",
            "texture, 120, 11, 4", "texture, 120, 12, 8", "kick, 124, 16, 8",
            "riser, 180, 30, 8", "riser, 140, 16, 8", "riser, 128, 4, 2", "riser, 70, 2, 1"})
    void bars_areThePowerOfTwoNearestTheDurationByRatio_neverOver30Seconds(String type, int bpm, double seconds,
                                                                           int bars) {
        assertThat(LoopSpec.barsFor(LoopType.fromWireName(type).orElseThrow(), bpm, seconds)).isEqualTo(bars);
    }

    @Test
    void bars_staysOneBar_whenOneBarIsAlreadyLongerThanTheCap() {
        assertThat(LoopSpec.barsFor(LoopType.BASS, 7, 30)).isEqualTo(1);
        assertThat(LoopSpec.framesFor(120, 4)).isEqualTo(352_800);
    }
}
