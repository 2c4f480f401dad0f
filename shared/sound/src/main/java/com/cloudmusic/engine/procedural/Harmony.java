package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Chord;
import com.cloudmusic.engine.score.ChordPlan;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Chord plans: a progression in the key fitted to the bar count, voiced close around the root. */
final class Harmony {

    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 5, 4}, {0, 6, 5, 6}, {0, 5, 3, 4}};
    private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 0, 4}, {0, 3, 5, 4}};

    private Harmony() {
    }

    static ChordPlan plan(int rootPitchClass, Style style, int bars, SplittableRandom rng) {
        int[] scale = style.scale();
        int base = 48 + rootPitchClass;
        int[][] options = style.minor() ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
        int[] progression = options[rng.nextInt(options.length)];
        int chords = bars % 4 == 0 ? 4 : bars % 2 == 0 ? 2 : 1;
        boolean seventh = style.intensity() >= 3 || rng.nextBoolean();
        int length = bars * Score.TICKS_PER_BAR / chords;
        List<Chord> plan = new ArrayList<>();
        for (int c = 0; c < chords; c++) {
            int degree = progression[c];
            List<Integer> pitches = new ArrayList<>();
            for (int k = 0; k < (seventh ? 4 : 3); k++) {
                int d = degree + 2 * k;
                int midi = base + scale[d % 7] + 12 * (d / 7);
                while (midi > base + 16) { // keep the voicing close around the root
                    midi -= 12;
                }
                pitches.add(midi);
            }
            plan.add(new Chord(c * length, length, degree, pitches));
        }
        return new ChordPlan(plan);
    }
}
