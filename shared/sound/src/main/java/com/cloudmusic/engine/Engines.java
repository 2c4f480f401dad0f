package com.cloudmusic.engine;

import com.cloudmusic.config.Config;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.engine.replicate.ReplicateEngines;
import com.cloudmusic.engine.replicate.ReplicateSettings;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.outbound.Sleeper;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Chooses the engine named by {@code MUSIC_ENGINE}, with the fallback {@code ENGINE_FALLBACK} asks for. */
public final class Engines {

    public static final String ENGINE_FALLBACK = "ENGINE_FALLBACK";
    public static final String REPLICATE = "replicate";

    private Engines() {
    }

    /**
     * Returns an offline engine for a configured name.
     *
     * @throws IllegalArgumentException for a name no offline engine answers to
     */
    public static MusicEngine named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case ProceduralEngine.NAME -> new ProceduralEngine();
            case ToneEngine.NAME -> new ToneEngine();
            default -> throw new IllegalArgumentException(
                    "MUSIC_ENGINE must be one of: procedural, replicate, tone (got '" + name + "')");
        };
    }

    /**
     * The engine the environment configures: {@code MUSIC_ENGINE} (procedural by default), the
     * Replicate settings when it says replicate, and {@code ENGINE_FALLBACK} (none by default, or
     * procedural) wrapped around a remote engine.
     *
     * @throws ConfigException naming the variable that is malformed
     */
    public static MusicEngine fromEnvironment(Env env) {
        String name = env.optional(Config.MUSIC_ENGINE, Config.DEFAULT_ENGINE).toLowerCase(Locale.ROOT);
        String fallback = env.oneOf(ENGINE_FALLBACK, "none", List.of("none", ProceduralEngine.NAME));
        if (!REPLICATE.equals(name)) {
            try {
                return named(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        MusicEngine replicate = replicate(env);
        return fallback.equals(ProceduralEngine.NAME) ? new FallbackEngine(replicate, new ProceduralEngine()) : replicate;
    }

    // Separate method: the Replicate classes (and okhttp) load only when this engine is chosen.
    private static MusicEngine replicate(Env env) {
        return ReplicateEngines.create(ReplicateSettings.from(env), Sleeper.system(), Clock.systemUTC());
    }
}
