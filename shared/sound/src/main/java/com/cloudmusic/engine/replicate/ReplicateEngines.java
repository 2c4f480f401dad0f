package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.outbound.Sleeper;
import java.time.Clock;

/**
 * Builds the Replicate engine from its settings. Kept apart from {@code Engines} so that functions
 * without okhttp on their classpath never load a class that needs it.
 */
public final class ReplicateEngines {

    private ReplicateEngines() {
    }

    /** The engine, or an unavailable one (failing every job for good) when no token is configured. */
    public static MusicEngine create(ReplicateSettings settings, Sleeper sleeper, Clock clock) {
        if (settings.token().isEmpty()) {
            return new UnavailableEngine(ReplicateEngine.NAME, "The AI engine is not configured ("
                    + ReplicateSettings.API_TOKEN + " is not set).");
        }
        ReplicateClient client = new ReplicateClient(settings.baseUrl(),
                settings.token().get(), settings.maxOutputBytes(), sleeper, clock);
        return new ReplicateEngine(client, settings, sleeper, clock);
    }
}
