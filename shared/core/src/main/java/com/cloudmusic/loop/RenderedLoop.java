package com.cloudmusic.loop;

import java.util.Objects;
import java.util.Optional;

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
 * @param midi        the loop's notes as a Standard MIDI File at {@code bpm}, or null when the engine does not
 *                    know them (an AI model's audio)
 */
public record RenderedLoop(
        float[] left, float[] right, double bpm, Double measuredBpm, int bars, String key, boolean oneShot, String engine,
        byte[] midi) {

    /** A loop whose notes are not known (no MIDI). */
    public RenderedLoop(float[] left, float[] right, double bpm, Double measuredBpm, int bars, String key,
            boolean oneShot, String engine) {
        this(left, right, bpm, measuredBpm, bars, key, oneShot, engine, null);
    }

    public RenderedLoop {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(engine, "engine == null");
        if (left.length != right.length) {
            throw new IllegalArgumentException("channels differ in length");
        }
    }

    /** The same loop with its notes as a Standard MIDI File. */
    public RenderedLoop withMidi(byte[] standardMidiFile) {
        return new RenderedLoop(left, right, bpm, measuredBpm, bars, key, oneShot, engine,
                Objects.requireNonNull(standardMidiFile, "standardMidiFile == null"));
    }

    public Optional<byte[]> midiFile() {
        return Optional.ofNullable(midi);
    }

    public int frames() {
        return left.length;
    }

    public double durationSeconds() {
        return left.length / (double) LoopSpec.SAMPLE_RATE;
    }
}
