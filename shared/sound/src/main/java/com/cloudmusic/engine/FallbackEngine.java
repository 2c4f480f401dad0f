package com.cloudmusic.engine;

import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import java.util.Objects;

/**
 * {@code ENGINE_FALLBACK=procedural}: when the primary engine fails for good (a permanent failure, or any
 * failure on the job's last attempt), the fallback renders the loop instead, so the user still gets a
 * track and no unit is spent on nothing. Transient failures before the last attempt are passed on, so the
 * queue's retry can resume the primary's remote work. The loop records the engine that made it.
 */
public final class FallbackEngine implements MusicEngine {

    private final MusicEngine primary;
    private final MusicEngine fallback;

    public FallbackEngine(MusicEngine primary, MusicEngine fallback) {
        this.primary = Objects.requireNonNull(primary, "primary == null");
        this.fallback = Objects.requireNonNull(fallback, "fallback == null");
    }

    @Override
    public String name() {
        return primary.name();
    }

    public MusicEngine primary() {
        return primary;
    }

    public MusicEngine fallback() {
        return fallback;
    }

    @Override
    public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
        try {
            return primary.render(spec, context);
        } catch (EngineException e) {
            if (!e.permanent() && !context.lastAttempt()) {
                throw e;
            }
            return fallback.render(spec, context);
        } catch (RuntimeException e) {
            if (!context.lastAttempt()) {
                throw e;
            }
            return fallback.render(spec, context);
        }
    }
}
