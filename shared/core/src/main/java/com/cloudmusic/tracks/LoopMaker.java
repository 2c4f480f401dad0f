package com.cloudmusic.tracks;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopEncoder;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Objects;

/**
 * The one path that renders a loop and stores its files (WAV titled by {@link TrackNames}, MP3,
 * waveform, MIDI when the engine knows the notes): used by the generate function, the daily publish run and the CLI, so the three make the
 * same files from the same spec.
 */
public final class LoopMaker {

    private final MusicEngine engine;
    private final LoopEncoder encoder;
    private final TrackWriter writer;

    public LoopMaker(MusicEngine engine, LoopEncoder encoder, TrackWriter writer) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
        this.encoder = Objects.requireNonNull(encoder, "encoder == null");
        this.writer = Objects.requireNonNull(writer, "writer == null");
    }

    /** What was made and stored. */
    public record Made(RenderedLoop loop, LoopFiles files) {

        public Made {
            Objects.requireNonNull(loop, "loop == null");
            Objects.requireNonNull(files, "files == null");
        }

        /** What the job records once the files are stored. */
        public JobStore.ReadyTrack readyTrack() {
            return new JobStore.ReadyTrack(loop.engine(), loop.measuredBpm(), loop.bars(), files.mp3() != null,
                    files.png() != null, files.mid() != null);
        }
    }

    /** Renders the spec, encodes it and stores the files; returns only once they are written. */
    public Made make(String trackId, LoopSpec spec, EngineContext context) throws EngineException {
        RenderedLoop loop = engine.render(spec, context);
        LoopFiles files = encoder.encode(loop, TrackNames.title(spec), spec.prompt());
        writer.save(trackId, files);
        return new Made(loop, files);
    }

    /** Name of the engine asked to render. */
    public String engineName() {
        return engine.name();
    }
}
