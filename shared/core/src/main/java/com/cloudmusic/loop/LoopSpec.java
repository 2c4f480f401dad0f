package com.cloudmusic.loop;

import java.util.List;
import java.util.Objects;

/**
 * A fully resolved generation order: every default applied, the prompt already read, the bar count
 * fixed. Engines render exactly this; nothing in it is optional except the prompt.
 *
 * @param type        loop type (advanced prompts map to the closest type, default texture)
 * @param bpm         tempo the loop must lock to (70..180)
 * @param bars        whole 4/4 bars, at least one
 * @param key         musical key such as "F#m" or "C" (minor keys end with "m")
 * @param seed        seed for every random choice; same spec and seed, same bytes
 * @param intensity   1..5
 * @param styleWords  lower-case style words read from the prompt (genre, instrument, mood), possibly empty
 * @param prompt      the user's prompt (advanced) or a prompt describing the guided request
 */
public record LoopSpec(
        Mode mode,
        LoopType type,
        int bpm,
        int bars,
        String key,
        long seed,
        int intensity,
        boolean dark,
        boolean ambient,
        boolean energetic,
        List<String> styleWords,
        String prompt) {

    public static final int SAMPLE_RATE = 44_100;

    public LoopSpec {
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(key, "key == null");
        styleWords = List.copyOf(styleWords);
        if (bars < 1) {
            throw new IllegalArgumentException("bars < 1");
        }
    }

    /** Exact length of the loop in sample frames at 44.1 kHz: bars x 4 beats x 60 / bpm seconds. */
    public int frames() {
        return framesFor(bpm, bars);
    }

    public double durationSeconds() {
        return frames() / (double) SAMPLE_RATE;
    }

    public static int framesFor(double bpm, int bars) {
        return (int) Math.round(bars * 4 * 60.0 * SAMPLE_RATE / bpm);
    }

    /** Longest loop the phrase rule allows, in seconds, unless a single bar is already longer (SPEC §3). */
    public static final double MAX_LOOP_SECONDS = 30;

    /** Bar counts a loop may have: phrases that line up with every phrase in a DAW. */
    public static final int[] LOOP_BARS = {1, 2, 4, 8, 16};

    /** Bar counts a riser may have: a one-shot build. */
    public static final int[] RISER_BARS = {1, 2, 4, 8};

    /**
     * The phrase length for a requested duration (SPEC §3): of 1, 2, 4, 8 or 16 bars (risers 1, 2, 4 or 8)
     * the one nearest the duration by ratio, never longer than 30 s unless one bar already is. At the exact
     * middle the shorter phrase wins.
     */
    public static int barsFor(LoopType type, double bpm, double durationSeconds) {
        double barSeconds = 4 * 60.0 / bpm;
        int best = 1;
        double bestDistance = Double.MAX_VALUE;
        for (int bars : type == LoopType.RISER ? RISER_BARS : LOOP_BARS) {
            if (bars > 1 && bars * barSeconds > MAX_LOOP_SECONDS + 1e-9) {
                break;
            }
            double distance = Math.abs(Math.log(bars * barSeconds / durationSeconds));
            if (distance < bestDistance - 1e-12) {
                best = bars;
                bestDistance = distance;
            }
        }
        return best;
    }
}
