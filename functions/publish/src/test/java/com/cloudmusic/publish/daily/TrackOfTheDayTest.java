package com.cloudmusic.publish.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.tracks.SpecResolver;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrackOfTheDayTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    @Test
    void forDate_makesTheSameChoiceAndSeed_forTheSameDate() {
        TrackOfTheDay.Choice once = TrackOfTheDay.forDate(DAY);
        TrackOfTheDay.Choice again = TrackOfTheDay.forDate(LocalDate.parse("2026-11-24"));

        assertThat(again).isEqualTo(once);
        assertThat(SpecResolver.resolve(again.request(), again.seed()))
                .isEqualTo(SpecResolver.resolve(once.request(), once.seed()));
    }

    @Test
    void forDate_walksThroughTheWholeRotation_beforeRepeating() {
        int length = TrackOfTheDay.rotationLength();

        Set<String> names = new HashSet<>();
        IntStream.range(0, length).forEach(i -> names.add(TrackOfTheDay.forDate(DAY.plusDays(i)).name()));

        assertThat(length).isGreaterThanOrEqualTo(12);
        assertThat(names).hasSize(length);
        assertThat(TrackOfTheDay.forDate(DAY.plusDays(length)).name()).isEqualTo(TrackOfTheDay.forDate(DAY).name());
        assertThat(TrackOfTheDay.forDate(DAY.plusDays(length)).seed()).isNotEqualTo(TrackOfTheDay.forDate(DAY).seed());
    }

    @Test
    void rotation_coversEveryLoopTypeAndSomeAdvancedPrompts_allShared_withValidSpecs() {
        Set<LoopType> types = new HashSet<>();
        int advanced = 0;
        for (int i = 0; i < TrackOfTheDay.rotationLength(); i++) {
            TrackOfTheDay.Choice choice = TrackOfTheDay.forDate(DAY.plusDays(i));
            var spec = SpecResolver.resolve(choice.request(), choice.seed());
            types.add(spec.type());
            advanced += choice.request().mode() == Mode.ADVANCED ? 1 : 0;
            assertThat(choice.request().share()).isTrue();
            assertThat(spec.bpm()).isBetween(70, 180);
            assertThat(spec.durationSeconds()).isBetween(2.0, 30.0);
            assertThat(choice.seed()).isBetween(0L, (long) Integer.MAX_VALUE);
            assertThat(choice.request().params()).containsEntry("seed", choice.seed());
        }
        assertThat(types).containsExactlyInAnyOrder(LoopType.values());
        assertThat(advanced).isGreaterThanOrEqualTo(3);
    }
}
