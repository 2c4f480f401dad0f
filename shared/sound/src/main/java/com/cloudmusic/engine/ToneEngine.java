package com.cloudmusic.engine;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.loop.RenderedLoop;
/**
 * The trivial test engine: a clean sine at the key's root, one short blip per beat so the tempo can be
 * heard and measured. Useful to check the plumbing, never music.
 */
public final class ToneEngine implements MusicEngine {

    public static final String NAME = "tone";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) {
        int frames = spec.frames();
        float[] left = new float[frames];
        float[] right = new float[frames];
        double frequency = MusicalKey.parse(spec.key()).rootFrequency(3);
        double beatFrames = 60.0 * LoopSpec.SAMPLE_RATE / spec.bpm();
        // Whole cycles per loop so the seam is continuous.
        double cycles = Math.max(1, Math.round(frequency * frames / LoopSpec.SAMPLE_RATE));
        double phaseStep = 2 * Math.PI * cycles / frames;
        for (int i = 0; i < frames; i++) {
            double sinceBeat = i % beatFrames;
            double accent = sinceBeat < 2205 ? 1.0 : 0.6; // a 50 ms lift on each beat
            float sample = (float) (0.25 * accent * Math.sin(phaseStep * i));
            left[i] = sample;
            right[i] = sample;
        }
        return new RenderedLoop(left, right, spec.bpm(), null, spec.bars(), spec.key(), false, NAME);
    }
}
