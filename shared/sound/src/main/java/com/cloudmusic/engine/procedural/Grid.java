package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Score;

/** The tempo grid: 16th steps in score ticks (with swing) and score ticks in sample frames. */
final class Grid {
    final double beatFrames;
    final double stepFrames;
    final int steps;
    final int bars;

    Grid(int bpm, int bars) {
        this.beatFrames = 60.0 * Dsp.SR / bpm;
        this.stepFrames = beatFrames / 4;
        this.bars = bars;
        this.steps = bars * 16;
    }

    /** Sample frame of a score tick from the loop start. */
    int frameOf(int tick) {
        return (int) Math.round(tick * beatFrames / Score.TICKS_PER_BEAT);
    }

    /** Tick of a (possibly fractional) 16th step, every second 16th delayed by the swing. */
    static int tickOf(double step, double swing) {
        boolean offbeat16 = ((int) Math.floor(step)) % 2 == 1;
        return (int) Math.round((step + (offbeat16 ? swing : 0)) * Score.TICKS_PER_STEP);
    }
}
