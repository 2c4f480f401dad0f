package com.cloudmusic.loop;

import java.util.Objects;

/**
 * Audio an engine produced, already brought to the house standard: 44.1 kHz stereo float samples in
 * [-1, 1], a whole number of bars long, ready for the shared WAV writer.
 *
 * @param left        left channel samples
 * @param right       right channel samples, same length as left
 * @param bpm         the tempo written into the file's acid chunk (the measured one when the engine measured it)
 * @param measuredBpm the tempo the engine measured in its output, or null when it rendered to the grid
 * @param bars        whole bars the samples hold
 * @param key         key of the loop, e.g. "F#m"
 * @param oneShot     true where a DAW should treat it as a one-shot rather than a loop (e.g. a riser)
 * @param engine      name of the engine that actually produced it (a fallback may differ from the one asked)
 */
public record RenderedLoop(
        float[] left, float[] right, double bpm, Double measuredBpm, int bars, String key, boolean oneShot, String engine) {

    public RenderedLoop {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(engine, "engine == null");
        if (left.length != right.length) {
            throw new IllegalArgumentException("channels differ in length");
        }
    }

    public int frames() {
        return left.length;
    }

    public double durationSeconds() {
        return left.length / (double) LoopSpec.SAMPLE_RATE;
    }
}
