package com.cloudmusic.engine.procedural;

import java.util.Arrays;

/**
 * The stereo buffer a loop is rendered into: the loop itself plus room for tails that cross the loop
 * boundary, which {@link #wrapTail()} folds back onto the beginning so the loop plays seamlessly.
 */
final class Mix {
    final int frames;
    final int total;
    final float[] left;
    final float[] right;

    Mix(int frames, int tailFrames) {
        this.frames = frames;
        this.total = frames + tailFrames;
        this.left = new float[total];
        this.right = new float[total];
    }

    /** Adds the overflow past the loop end onto the start (several laps when the tail is longer than the loop). */
    void wrapTail() {
        for (int i = frames, j = 0; i < total; i++) {
            left[j] += left[i];
            right[j] += right[i];
            if (++j == frames) {
                j = 0;
            }
        }
    }

    float[] loopLeft() {
        return Arrays.copyOf(left, frames);
    }

    float[] loopRight() {
        return Arrays.copyOf(right, frames);
    }
}
