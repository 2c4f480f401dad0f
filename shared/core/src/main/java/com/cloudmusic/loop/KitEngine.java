package com.cloudmusic.loop;

/**
 * Renders a matched kit: kick, bass, texture and riser composed together from one spec (one key, tempo,
 * chord plan, groove and bar count) and their mix. Only an engine that writes the notes itself can; the
 * sound module's procedural kit renderer implements it. Implementations must be thread-safe.
 */
public interface KitEngine {

    /**
     * @param spec the kit's spec; its loop type is ignored (each stem takes its own)
     * @throws EngineException when the kit cannot be rendered
     */
    RenderedKit render(LoopSpec spec) throws EngineException;
}
