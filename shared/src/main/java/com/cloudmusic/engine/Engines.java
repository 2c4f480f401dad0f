package com.cloudmusic.engine;

import com.cloudmusic.engine.procedural.ProceduralEngine;
import java.util.Locale;

/** Chooses the engine named by {@code MUSIC_ENGINE}. */
public final class Engines {

    private Engines() {
    }

    /**
     * Returns the engine for a configured name.
     *
     * @throws IllegalArgumentException for a name no engine answers to
     */
    public static MusicEngine named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case ProceduralEngine.NAME -> new ProceduralEngine();
            case ToneEngine.NAME -> new ToneEngine();
            default -> throw new IllegalArgumentException(
                    "MUSIC_ENGINE must be one of: procedural, tone (got '" + name + "')");
        };
    }
}
