package com.cloudmusic.engine.replicate;

import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Replicate engine is configured, read once from the environment, failing fast with the
 * variable's name. The token is optional here: without it the engine is unavailable and jobs fail (their
 * unit given back) or fall back, as {@code ENGINE_FALLBACK} says.
 *
 * @param token           REPLICATE_API_TOKEN, never logged
 * @param baseUrl         REPLICATE_BASE_URL, default https://api.replicate.com
 * @param model           REPLICATE_MODEL, default meta/musicgen at a pinned version
 * @param family          input mapping; from the model's name or REPLICATE_MODEL_FAMILY
 * @param syncWait        REPLICATE_WAIT_SECONDS: how long the create request may hold for the result (Prefer: wait)
 * @param deadline        REPLICATE_DEADLINE_SECONDS: how long one attempt waits for the prediction in all
 * @param maxOutputBytes  REPLICATE_MAX_OUTPUT_MB: larger outputs are refused
 */
public record ReplicateSettings(
        Optional<String> token,
        URI baseUrl,
        ModelRef model,
        ModelFamily family,
        Duration syncWait,
        Duration deadline,
        long maxOutputBytes,
        Tuning tuning) {

    public static final String API_TOKEN = "REPLICATE_API_TOKEN";
    public static final String BASE_URL = "REPLICATE_BASE_URL";
    public static final String MODEL = "REPLICATE_MODEL";
    public static final String MODEL_FAMILY = "REPLICATE_MODEL_FAMILY";
    public static final String WAIT_SECONDS = "REPLICATE_WAIT_SECONDS";
    public static final String DEADLINE_SECONDS = "REPLICATE_DEADLINE_SECONDS";
    public static final String MAX_OUTPUT_MB = "REPLICATE_MAX_OUTPUT_MB";
    public static final String MUSICGEN_MODEL_VERSION = "MUSICGEN_MODEL_VERSION";
    public static final String MUSICGEN_NORMALIZATION_STRATEGY = "MUSICGEN_NORMALIZATION_STRATEGY";
    public static final String MUSICGEN_TEMPERATURE = "MUSICGEN_TEMPERATURE";
    public static final String MUSICGEN_TOP_K = "MUSICGEN_TOP_K";
    public static final String MUSICGEN_TOP_P = "MUSICGEN_TOP_P";
    public static final String MUSICGEN_CLASSIFIER_FREE_GUIDANCE = "MUSICGEN_CLASSIFIER_FREE_GUIDANCE";
    public static final String STABLE_AUDIO_STEPS = "STABLE_AUDIO_STEPS";
    public static final String STABLE_AUDIO_CFG_SCALE = "STABLE_AUDIO_CFG_SCALE";

    public static final String DEFAULT_BASE_URL = "https://api.replicate.com";
    /** meta/musicgen pinned: a version id, so an upstream update never changes what users get unannounced. */
    public static final String DEFAULT_MODEL =
            "meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb";
    /** The model's time plus download, conditioning and upload must fit the generate function's 150 s. */
    public static final int DEFAULT_DEADLINE_SECONDS = 120;
    /** Short predictions come back in the create response; longer ones are persisted and polled. */
    public static final int DEFAULT_WAIT_SECONDS = 10;
    public static final int DEFAULT_MAX_OUTPUT_MB = 50;

    /**
     * The models' sampling knobs.
     *
     * @param musicGenModelVersion  stereo-melody-large | stereo-large | melody-large | large
     * @param normalizationStrategy loudness | clip | peak | rms
     */
    public record Tuning(
            String musicGenModelVersion,
            String normalizationStrategy,
            double temperature,
            int topK,
            double topP,
            int classifierFreeGuidance,
            int stableAudioSteps,
            double stableAudioCfgScale) {

        public static Tuning defaults() {
            return new Tuning("stereo-melody-large", "loudness", 1.0, 250, 0.0, 3, 8, 1.0);
        }
    }

    public ReplicateSettings {
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        Objects.requireNonNull(model, "model == null");
        Objects.requireNonNull(family, "family == null");
        Objects.requireNonNull(tuning, "tuning == null");
    }

    /** Defaults for everything but where to reach the API and with which token (tests, local peers). */
    public static ReplicateSettings of(String token, URI baseUrl, String model) {
        ModelRef ref = ModelRef.parse(model);
        return new ReplicateSettings(Optional.ofNullable(token), baseUrl, ref,
                ModelFamily.of(ref).orElse(ModelFamily.MUSICGEN), Duration.ofSeconds(DEFAULT_WAIT_SECONDS),
                Duration.ofSeconds(DEFAULT_DEADLINE_SECONDS), DEFAULT_MAX_OUTPUT_MB * 1024L * 1024L, Tuning.defaults());
    }

    public ReplicateSettings withTuning(Tuning newTuning) {
        return new ReplicateSettings(token, baseUrl, model, family, syncWait, deadline, maxOutputBytes, newTuning);
    }

    public ReplicateSettings withDeadline(Duration newDeadline) {
        return new ReplicateSettings(token, baseUrl, model, family, syncWait, newDeadline, maxOutputBytes, tuning);
    }

    public ReplicateSettings withMaxOutputBytes(long bytes) {
        return new ReplicateSettings(token, baseUrl, model, family, syncWait, deadline, bytes, tuning);
    }

    public static ReplicateSettings from(Env env) {
        URI baseUrl = env.httpUrl(BASE_URL, DEFAULT_BASE_URL);
        ModelRef model;
        try {
            model = ModelRef.parse(env.optional(MODEL, DEFAULT_MODEL));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MODEL + ": " + e.getMessage());
        }
        ModelFamily family = env.optional(MODEL_FAMILY)
                .map(name -> ModelFamily.fromWireName(name).orElseThrow(() -> new ConfigException(
                        MODEL_FAMILY + " must be musicgen or stable-audio (got '" + name + "')")))
                .or(() -> ModelFamily.of(model))
                .orElseThrow(() -> new ConfigException(MODEL + " names neither a MusicGen nor a Stable Audio model; set "
                        + MODEL_FAMILY + " to musicgen or stable-audio"));
        Tuning defaults = Tuning.defaults();
        Tuning tuning = new Tuning(
                env.oneOf(MUSICGEN_MODEL_VERSION, defaults.musicGenModelVersion(),
                        List.of("stereo-melody-large", "stereo-large", "melody-large", "large")),
                env.oneOf(MUSICGEN_NORMALIZATION_STRATEGY, defaults.normalizationStrategy(),
                        List.of("loudness", "clip", "peak", "rms")),
                env.decimal(MUSICGEN_TEMPERATURE, defaults.temperature(), 0.01, 5),
                env.integer(MUSICGEN_TOP_K, defaults.topK(), 0, 2048),
                env.decimal(MUSICGEN_TOP_P, defaults.topP(), 0, 1),
                env.integer(MUSICGEN_CLASSIFIER_FREE_GUIDANCE, defaults.classifierFreeGuidance(), 0, 20),
                env.integer(STABLE_AUDIO_STEPS, defaults.stableAudioSteps(), 1, 100),
                env.decimal(STABLE_AUDIO_CFG_SCALE, defaults.stableAudioCfgScale(), 1, 25));
        return new ReplicateSettings(
                env.optional(API_TOKEN),
                baseUrl,
                model,
                family,
                Duration.ofSeconds(env.integer(WAIT_SECONDS, DEFAULT_WAIT_SECONDS, 1, 60)),
                Duration.ofSeconds(env.integer(DEADLINE_SECONDS, DEFAULT_DEADLINE_SECONDS, 10, 900)),
                env.integer(MAX_OUTPUT_MB, DEFAULT_MAX_OUTPUT_MB, 1, 500) * 1024L * 1024L,
                tuning);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ReplicateSettings[baseUrl=" + baseUrl + ", model=" + model + ", family=" + family
                + ", token=" + (token.isPresent() ? "(set)" : "(missing)") + ", syncWait=" + syncWait + ", deadline=" + deadline
                + ", maxOutputBytes=" + maxOutputBytes + ", tuning=" + tuning + "]";
    }
}
