package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Chord;
import com.cloudmusic.engine.score.ChordPlan;
import com.cloudmusic.engine.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chord plans: a progression in the key fitted to the bar count (one chord a bar, or two bars each in long
 * loops), voiced from the seed (close, open, with sevenths or ninths); a drone holds the root.
 */
final class Harmony {

    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 5, 4}, {0, 6, 5, 6}, {0, 5, 3, 4},
            {0, 2, 5, 6}, {0, 3, 6, 5}, {0, 5, 6, 4}};
    private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 0, 4}, {0, 3, 5, 4},
            {0, 5, 1, 4}, {0, 2, 3, 4}, {3, 4, 0, 5}};

    private Harmony() {
    }

    static ChordPlan plan(int rootPitchClass, Style style, int bars, SplittableRandom rng) {
        int[] scale = style.scale();
        int base = 48 + rootPitchClass;
        int total = bars * Score.TICKS_PER_BAR;
        if (style.has("drone")) { // one chord: root, fifth, octave, held for the whole loop
            return new ChordPlan(List.of(new Chord(0, total, 0, List.of(base - 12, base, base + 7, base + 12))));
        }
        int[][] options = style.minor() ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
        int[] progression = options[rng.nextInt(options.length)];
        // How many chords: one a bar up to 8 bars (two a bar in a one-bar loop for some seeds), two bars
        // each in a 16-bar loop; eight chords play the progression twice, the second time with a new ending.
        int chords = switch (bars) {
            case 1 -> rng.nextBoolean() ? 1 : 2;
            case 2 -> 2;
            case 4 -> 4;
            default -> 8;
        };
        int ending = progression[3 - rng.nextInt(2)] == 4 ? 6 : 4;
        boolean seventh = style.intensity() >= 3 || rng.nextBoolean();
        boolean ninth = !seventh && rng.nextInt(3) == 0;
        boolean open = rng.nextBoolean();
        int length = total / chords;
        List<Chord> plan = new ArrayList<>();
        for (int c = 0; c < chords; c++) {
            int degree = c == 7 ? ending : progression[c % 4];
            List<Integer> pitches = new ArrayList<>();
            int size = seventh || ninth ? 4 : 3;
            for (int k = 0; k < size; k++) {
                int d = degree + (ninth && k == 3 ? 8 : 2 * k);
                int midi = base + scale[d % 7] + 12 * (d / 7);
                while (midi > base + 16) { // keep the voicing around the root
                    midi -= 12;
                }
                if (open && k == 1) { // open voicing: the third an octave up
                    midi += 12;
                }
                pitches.add(midi);
            }
            pitches.sort(Integer::compare);
            plan.add(new Chord(c * length, c == chords - 1 ? total - c * length : length, degree, pitches));
        }
        return new ChordPlan(plan);
    }
}
