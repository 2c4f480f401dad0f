package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Objects;

/**
 * Stands in for an engine that is chosen but cannot run (e.g. {@code MUSIC_ENGINE=replicate} without
 * {@code REPLICATE_API_TOKEN}): every job fails for good, so its unit is given back, rather than the
 * function failing at start and leaving queued jobs (and their refunds) stuck.
 */
public final class UnavailableEngine implements MusicEngine {

    private final String name;
    private final String reason;

    public UnavailableEngine(String name, String reason) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.reason = Objects.requireNonNull(reason, "reason == null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
        throw new EngineException("engine_unavailable", reason, true);
    }
}
