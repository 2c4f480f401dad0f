package com.cloudmusic.engine.procedural;

/** The tempo grid: where 16th-note steps fall in samples, with optional swing, locked to the loop length. */
final class Grid {
    final double stepFrames;
    final double beatFrames;
    final int steps;
    private final double swing;

    Grid(int bpm, int bars, double swing) {
        this.beatFrames = 60.0 * Dsp.SR / bpm;
        this.stepFrames = beatFrames / 4;
        this.steps = bars * 16;
        this.swing = swing;
    }

    /** Sample position of a (possibly fractional) step from the loop start. */
    int at(double step) {
        boolean offbeat16 = ((int) Math.floor(step)) % 2 == 1;
        return (int) Math.round((step + (offbeat16 ? swing : 0)) * stepFrames);
    }
}
