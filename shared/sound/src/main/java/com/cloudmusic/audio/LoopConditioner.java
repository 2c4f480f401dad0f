package com.cloudmusic.audio;

import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Objects;

/**
 * Brings a model's audio to the house standard of {@link RenderedLoop}: decoded from any WAV the model
 * returns, resampled to 44.1 kHz stereo, cut to whole bars at the tempo it actually plays (measured,
 * since models drift from the prompted BPM) starting on a downbeat, its seam crossfaded, its loudness
 * normalised like the procedural engine's. The acid chunk then carries the measured tempo, so a DAW
 * warps the loop onto its grid correctly.
 */
public final class LoopConditioner {

    /** Largest tempo drift searched around the requested BPM. */
    public static final double TEMPO_TOLERANCE = 0.12;
    /** Below this comb confidence there is no steady pulse to measure: the loop is cut at the requested tempo. */
    static final double MIN_CONFIDENCE = 1.25;
    /** Seam crossfade, equal power. */
    static final double CROSSFADE_SECONDS = 0.015;

    private LoopConditioner() {
    }

    /** What conditioning did, for the track and the logs. */
    public record Conditioned(RenderedLoop loop, double confidence, int startFrame) {
    }

    /**
     * @param wav        the model's output file
     * @param spec       the order: requested tempo, bar count, key, type
     * @param engineName recorded on the loop
     * @throws EngineException {@code output_unreadable} when the bytes are no WAV we can read,
     *                         {@code output_too_short} when they hold less than one bar (both permanent:
     *                         the same prediction gives the same bytes)
     */
    public static Conditioned condition(byte[] wav, LoopSpec spec, String engineName) throws EngineException {
        Objects.requireNonNull(wav, "wav == null");
        Objects.requireNonNull(spec, "spec == null");
        WavFile file;
        try {
            file = WavFile.parse(wav);
        } catch (IllegalArgumentException e) {
            throw new EngineException("output_unreadable", "The model's audio could not be read: " + e.getMessage(),
                    true, e);
        }
        float[][] channels = file.samples();
        float[] left = channels[0];
        float[] right = channels.length > 1 ? channels[1] : channels[0];
        if (file.sampleRate() != LoopSpec.SAMPLE_RATE) {
            Resampler resampler = new Resampler(file.sampleRate(), LoopSpec.SAMPLE_RATE);
            left = resampler.resample(left);
            right = channels.length > 1 ? resampler.resample(right) : left;
        }
        if (right == left) {
            right = left.clone();
        }
        return conditionStereo(left, right, spec, engineName);
    }

    /** The same, from 44.1 kHz stereo samples already decoded. */
    static Conditioned conditionStereo(float[] left, float[] right, LoopSpec spec, String engineName)
            throws EngineException {
        int rate = LoopSpec.SAMPLE_RATE;
        if (left.length < LoopSpec.framesFor(spec.bpm() * (1 + TEMPO_TOLERANCE), 1)) {
            throw tooShort(left.length);
        }
        TempoAnalysis.Result tempo = TempoAnalysis.analyse(left, right, rate, spec.bpm(), TEMPO_TOLERANCE);
        boolean measured = tempo.confidence() >= MIN_CONFIDENCE;
        // Rounded before the length is derived from it, so the file is exact whole bars at the tempo it states.
        double bpm = measured ? Math.round(tempo.bpm() * 100) / 100.0 : spec.bpm();
        int firstDownbeat = measured ? tempo.downbeatFrame() : 0;
        double barFrames = 4 * 60.0 * rate / bpm;
        int fade = (int) Math.round(CROSSFADE_SECONDS * rate);

        // The phrase length was fixed with the request (1, 2, 4, 8 or 16 bars); only the tempo is measured.
        int bars = spec.bars();
        Cut cut = place(firstDownbeat, barFrames, LoopSpec.framesFor(bpm, bars), fade, left.length);
        while (cut == null && bars > 1) { // less audio than asked for: the most whole bars it holds
            bars--;
            cut = place(firstDownbeat, barFrames, LoopSpec.framesFor(bpm, bars), fade, left.length);
        }
        if (cut == null) {
            throw tooShort(left.length);
        }
        int frames = LoopSpec.framesFor(bpm, bars);
        float[] loopLeft = new float[frames];
        float[] loopRight = new float[frames];
        crossfade(left, loopLeft, cut, frames, fade);
        crossfade(right, loopRight, cut, frames, fade);
        Loudness.normalize(loopLeft, loopRight, rate, Loudness.TARGET_LUFS, Loudness.CEILING_DBTP);
        boolean oneShot = spec.type() == LoopType.RISER;
        RenderedLoop loop = new RenderedLoop(loopLeft, loopRight, bpm, measured ? bpm : null, bars, spec.key(),
                oneShot, engineName);
        return new Conditioned(loop, tempo.confidence(), cut.start);
    }

    /** Where the loop starts and which side of it lends the crossfade material. */
    private record Cut(int start, boolean fadeFromBefore) {
    }

    /**
     * The earliest downbeat (the first one found, or a bar after it) from which {@code frames} fit with
     * crossfade material: preferably the audio just before the start, so the downbeat attack stays intact.
     */
    private static Cut place(int firstDownbeat, double barFrames, int frames, int fade, int available) {
        for (int bar = 0; ; bar++) {
            int start = (int) Math.round(firstDownbeat + bar * barFrames);
            if (start + frames > available) {
                break;
            }
            if (start >= fade) {
                return new Cut(start, true);
            }
        }
        // The downbeat sits too close to the beginning: fade the audio after the end in instead.
        if (firstDownbeat + frames + fade <= available) {
            return new Cut(firstDownbeat, false);
        }
        return null;
    }

    /**
     * Copies the loop and blends its seam with equal-power curves. Fading from before: the last
     * {@code fade} frames turn into the audio just before the start, so the last sample leads into the
     * first. Fading from after: the first frames start as the audio just after the end.
     */
    private static void crossfade(float[] source, float[] loop, Cut cut, int frames, int fade) {
        System.arraycopy(source, cut.start, loop, 0, frames);
        for (int i = 0; i < fade; i++) {
            double u = (i + 0.5) / fade;
            float in = (float) Math.sin(0.5 * Math.PI * u);
            float out = (float) Math.cos(0.5 * Math.PI * u);
            if (cut.fadeFromBefore) {
                int at = frames - fade + i;
                loop[at] = out * source[cut.start + at] + in * source[cut.start + at - frames];
            } else {
                loop[i] = in * source[cut.start + i] + out * source[cut.start + frames + i];
            }
        }
    }

    private static EngineException tooShort(int frames) {
        return new EngineException("output_too_short", String.format(java.util.Locale.ROOT,
                "The model returned %.2f s of audio, less than one bar.", frames / (double) LoopSpec.SAMPLE_RATE),
                true);
    }
}
