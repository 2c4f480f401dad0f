package com.cloudmusic.loop;

/** Something that turns a resolved {@link LoopSpec} into audio. Implementations must be thread-safe. */
public interface MusicEngine {

    /** The name recorded on the track, e.g. "procedural", "replicate", "tone". */
    String name();

    /**
     * Renders the loop.
     *
     * @param spec    what to render
     * @param context per-job services (e.g. where a remote prediction id is kept so a retry can resume it)
     * @throws EngineException when the engine cannot produce the loop; {@link EngineException#permanent()}
     *                         tells whether a retry could help
     */
    RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException;
}
