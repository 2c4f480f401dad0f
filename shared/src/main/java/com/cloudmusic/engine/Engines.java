package com.cloudmusic.engine;

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
            case ToneEngine.NAME -> new ToneEngine();
            default -> throw new IllegalArgumentException(
                    "MUSIC_ENGINE must be one of: tone (got '" + name + "')");
        };
    }
}
